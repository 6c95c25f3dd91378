import gnu_style as g

assert g.swapcase("Hello") == "hELLO"
assert g.ENCODING == "utf-8"
try:
    g.swapcase(b"x")
except TypeError:
    pass
else:
    raise AssertionError("swapcase(bytes) must raise TypeError")
