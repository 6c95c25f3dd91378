import two_types as tt

v = tt.Vec(3, 4)
assert v.norm2() == 25.0
assert repr(v) == "Vec(3.0, 4.0)"
u = tt.UnitVec(0.6, 0.8)
assert isinstance(u, tt.Vec)
assert issubclass(tt.UnitVec, tt.Vec)
assert u.norm2() == 1.0
assert repr(u) == "UnitVec(0.6, 0.8)"
try:
    class Sub(tt.UnitVec):
        pass
except TypeError:
    pass
else:
    raise AssertionError("UnitVec is final")
