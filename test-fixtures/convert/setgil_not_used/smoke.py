import setgil_not_used as s

assert s.popcount(0) == 0
assert s.popcount(0b1011) == 3
assert s.popcount(2**64 - 1) == 64
assert s.WORD_BITS == 64
try:
    s.popcount(-1)
except OverflowError:
    pass
else:
    raise AssertionError("negative numbers must raise OverflowError")
