import platform

import create2_api as c

assert c.api_version() == 1013
assert c.hex(255) == "ff"
# Built against the headers of the interpreter that runs it.
assert c.BUILT_WITH == platform.python_version(), (c.BUILT_WITH, platform.python_version())
assert c.hex(0xDEADBEEF) == "deadbeef"
for bad in (-1, 2**32):
    try:
        c.hex(bad)
    except OverflowError:
        pass
    else:
        raise AssertionError("hex(%r) must raise OverflowError" % bad)
