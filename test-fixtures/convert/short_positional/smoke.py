import short_positional as s

assert s.twice(21) == 42
assert s.twice([1]) == [1, 1]
assert s.__doc__ == "Short def."
