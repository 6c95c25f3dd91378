import sys

import py2_branch as p

assert p.major() == sys.version_info[0]
assert p.BUILT_FOR_3 == 1
assert p.__doc__ == "Builds for Python 2 and 3."
