import null_result as n

assert n.sign(-2.5) == -1
assert n.sign(0) == 0
assert n.sign(7) == 1
assert n.EPSILON == 1e-9
try:
    n.sign("x")
except TypeError:
    pass
else:
    raise AssertionError("sign('x') must raise TypeError")
