import counter
import greeter

assert greeter.hello() == "hello, world"
assert greeter.hello("you") == "hello, you"
assert greeter.__doc__ == "A module that greets."
assert counter.check(1) == 2
assert counter.LIMIT == 100
try:
    counter.check(-1)
except counter.error as e:
    assert "negative" in str(e)
else:
    raise AssertionError("check(-1) must raise counter.error")
