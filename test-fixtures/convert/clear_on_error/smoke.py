import clear_on_error as c

assert c.pairs("ab") == [(0, "a"), (1, "b")]
assert c.pairs([]) == []
assert c.START == 0
assert c.STYLE == "enumerate"
try:
    c.pairs(3)
except TypeError:
    pass
else:
    raise AssertionError("pairs(3) must raise TypeError")
