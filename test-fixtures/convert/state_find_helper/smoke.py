import state_find_helper as sfh

assert sfh.factor == 3
assert sfh.scale(2) == 6
try:
    sfh.scale("2")
except sfh.ScaleError:
    pass
else:
    raise AssertionError("scaling a string must raise ScaleError")
assert issubclass(sfh.ScaleError, TypeError)
