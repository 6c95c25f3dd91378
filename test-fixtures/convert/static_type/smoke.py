import static_type

Counter = static_type.Counter
assert isinstance(Counter, type)
assert Counter.__module__ == "static_type"
c = Counter(10, step=5)
assert c.increment() == 15
assert c.increment() == 20
assert c.value == 20
assert repr(c) == "Counter(20, step=5)"
c.value = 1
assert c.increment() == 6
try:
    c.step = 3
except AttributeError:
    pass
else:
    raise AssertionError("step is read-only")


class Sub(Counter):
    pass


assert Sub().increment() == 1
