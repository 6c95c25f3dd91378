import fastsum

assert fastsum.total([1, 2, 3]) == 6.0
assert fastsum.total((0.5, 0.25)) == 0.75
assert fastsum.__version__ == "1.0"
try:
    fastsum.total(3)
except TypeError as e:
    assert "sequence" in str(e)
else:
    raise AssertionError("total(3) must raise TypeError")
