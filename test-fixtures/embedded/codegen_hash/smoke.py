import consts

assert consts.seven() == 7
assert consts.count == 1
assert consts.__doc__ == "Constants of the consts table."
