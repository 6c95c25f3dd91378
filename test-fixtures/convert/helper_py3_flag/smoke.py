import helper_py3_flag as m

assert m.clamp(150, 0, m.LIMIT) == 100
assert m.clamp(-3, 0, 10) == 0
assert m.clamp(7, 0, 10) == 7
assert m.__doc__ == "Clamps ints."
