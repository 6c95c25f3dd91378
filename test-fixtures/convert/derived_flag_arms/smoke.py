import derived_flag_arms as d

assert d.get(0) == "alpha"
assert d.get(2) == "gamma"
assert d.get(1) is d.get(1)
try:
    d.get(3)
except IndexError:
    pass
else:
    raise AssertionError("index 3 should not exist")
