import setgil_used as s

first = s.tick()
assert s.tick() == first + 1
assert s.tick() == first + 2
assert s.__doc__ is None
