import split_header as s

assert s.START == 0
before = s.bump(0)
assert s.bump() == before + 1
assert s.bump(5) == before + 6
assert s.__doc__ == "Counts, for Python 2 and 3."
