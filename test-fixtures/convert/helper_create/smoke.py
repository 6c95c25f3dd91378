import helper_create as h

assert h.square(7) == 49
assert h.square(1.5) == 2.25
assert h.ANSWER == 42
