import built_plain
import built_setup

assert built_plain.twice(21) == 42
assert built_plain.same("x") == "x"
assert built_plain.__doc__ == "Built for one test."
assert not hasattr(built_plain, "answer")
assert built_setup.twice(2) == 4
assert built_setup.answer == 42
