import py3_flag_header as m

assert m.halve(9) == 4
assert m.halve(-8) == -4
assert m.UNIT == "half"
assert m.__doc__ == "Halves ints."
