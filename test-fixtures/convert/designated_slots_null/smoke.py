import designated_slots_null as d

assert d.join(d.DEFAULT_SEP, ["a", "b"]) == "a, b"
assert d.join("", []) == ""
try:
    d.join(1, [])
except TypeError:
    pass
else:
    raise AssertionError("join(1, []) must raise TypeError")
