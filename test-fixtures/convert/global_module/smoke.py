import global_module as gm

assert gm.threshold == 10
assert gm.above(11) is True
assert gm.above(10) is False
gm.threshold = 100
assert gm.above(50) is False
assert gm.is_self(gm) is True
assert gm.is_self(object()) is False
del gm.threshold
try:
    gm.above(1)
except AttributeError:
    pass
else:
    raise AssertionError("above() without a threshold must raise")
