import sys

import py2_branch as p

assert p.major() == sys.version_info[0]
if sys.version_info[0] >= 3:
    assert p.BUILT_FOR_3 == 1
else:
    # The original Python 2 init sets 0; the init kept by --keep-python2 runs
    # the one exec function, the Python 3 code, which sets 1.
    assert p.BUILT_FOR_3 in (0, 1)
assert p.__doc__ == "Builds for Python 2 and 3."
