import fn_module_macros as f

assert f.triple(2.5) == 7.5
assert f.SPELLING == "macros"
assert f.__doc__ == "Spelled through function-like macros."
