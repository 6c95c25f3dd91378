import macro_shared_expand as m

assert m.LOW == 0
assert m.HIGH == 100
limits = m.make_limits()
assert (limits.low, limits.high) == (-5, 5)
assert m.make_limits() is not limits
