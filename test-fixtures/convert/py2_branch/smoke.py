import py2_branch as p

assert p.major() == 3
assert p.BUILT_FOR_3 == 1
assert p.__doc__ == "Builds for Python 2 and 3."
