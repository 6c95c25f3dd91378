import designated_def as dd

assert dd.__version__ == "1.4.2"
assert (dd.MIN_LEVEL, dd.MAX_LEVEL) == (0, 9)
assert dd.clamp(15, dd.MIN_LEVEL, dd.MAX_LEVEL) == 9
assert dd.clamp(-3, 0, 9) == 0
assert dd.clamp(4, 0, 9) == 4
try:
    dd.clamp(1, 5, 2)
except ValueError:
    pass
else:
    raise AssertionError("low > high must raise")
assert dd.__doc__ == "Clamping helpers."
