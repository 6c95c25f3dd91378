import def_top_init_bottom as t

assert t.reverse(b"abc") == b"cba"
assert t.reverse(b"") == b""
assert t.is_palindrome(b"racecar") is True
assert t.is_palindrome(b"python") is False
assert t.MAX_LENGTH == 1 << 20
try:
    t.reverse("text")
except TypeError:
    pass
else:
    raise AssertionError("reverse(str) must raise TypeError")
