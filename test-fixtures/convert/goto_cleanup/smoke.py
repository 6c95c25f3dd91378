import goto_cleanup as gc

assert gc.NAMES == ["blue", "green", "red"]
assert gc.TABLE == {"red": 0xFF0000, "green": 0x00FF00, "blue": 0x0000FF}
# lookup reads TABLE through its self argument, which is the module.
assert gc.lookup("green") == 0x00FF00
try:
    gc.lookup("mauve")
except KeyError as e:
    assert e.args == ("mauve",)
else:
    raise AssertionError("unknown colour must raise KeyError")
