import tabs_module as t

assert t.checksum(b"") == 0
assert t.checksum(b"\x01") == 1
assert t.checksum(b"\x01\x01") == 3
assert t.checksum(bytearray(b"ab")) == t.checksum(b"ab")
assert t.SEED == 0x9E3779B9
try:
    t.checksum("text")
except TypeError:
    pass
else:
    raise AssertionError("checksum(str) must raise TypeError")
