import direct_return

assert direct_return.add(2, 40) == 42
assert direct_return.hello() == "hello"
assert direct_return.__doc__ == "Adds numbers and says hello."
try:
    direct_return.add("x", 1)
except TypeError:
    pass
else:
    raise AssertionError("add('x', 1) should raise TypeError")
