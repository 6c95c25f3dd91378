import const_chain as cc

assert (cc.POINT, cc.LINE, cc.POLYGON) == (0, 1, 2)
assert cc.UNIT == "mm"
assert cc.ORIGIN == (0.0, 0.0)
assert [cc.describe(k) for k in (cc.POINT, cc.LINE, cc.POLYGON)] == ["point", "line", "polygon"]
try:
    cc.describe(7)
except ValueError as e:
    assert "7" in str(e)
else:
    raise AssertionError("unknown kind must raise")
