import allman_style as a

assert a.greet("Ada") == "Hello, Ada!"
assert a.greet(name="Bob", punctuation=".") == "Hello, Bob."
assert a.GREETINGS == ("Hello", "Hi", "Howdy")
try:
    a.greet()
except TypeError:
    pass
else:
    raise AssertionError("greet() needs a name")
