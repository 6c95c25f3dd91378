import helper_mod
import tiny

assert helper_mod.double(21) == 42
assert helper_mod.answer == 42
assert helper_mod.__doc__ == "Built by the test helper."
assert tiny.__name__ == "tiny"
