import positive_check as p

assert p.is_even(4) is True
assert p.is_even(-3) is False
assert (p.EVEN, p.ODD) == (0, 1)
