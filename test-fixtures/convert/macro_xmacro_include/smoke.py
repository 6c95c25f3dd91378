import macro_xmacro_include as m

assert m.black == 0
assert m.white == 0xFFFFFF
assert m.teal == 0x008080
names = m.names()
assert names == ["black", "white", "teal"], names
