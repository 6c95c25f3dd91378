import name_clash as n

t = n.Task("build")
assert t.run() == "ran build"
assert n.Task.__doc__ == "A command to run."
assert n.Task.__module__ == "name_clash"
try:
    n.Task(3)
except TypeError:
    pass
else:
    raise AssertionError("Task(3) must raise TypeError")
del t
