import fail_label as fl

assert abs(fl.PI - 3.141592653589793) < 1e-15
assert fl.PRECISION == "double"
assert fl.mean([1, 2, 3, 4]) == 2.5
assert fl.mean((0.5,)) == 0.5
try:
    fl.mean([])
except ValueError:
    pass
else:
    raise AssertionError("mean([]) must raise")
try:
    fl.mean(["a"])
except TypeError:
    pass
else:
    raise AssertionError("mean(['a']) must raise")
