import basic_methods as bm

assert bm.answer() == 42
assert bm.repeat("ab", 3) == "ababab"
assert bm.scale(1.5) == 3.0
assert bm.scale(value=2.0, factor=0.25) == 0.5
assert bm.first([7, 8]) == 7
assert bm.first("xyz") == "x"
try:
    bm.repeat("a", -1)
except ValueError as e:
    assert "negative" in str(e)
else:
    raise AssertionError("negative count must raise")
try:
    bm.first(5)
except TypeError:
    pass
else:
    raise AssertionError("first(5) must raise TypeError")
assert bm.__doc__ is None
