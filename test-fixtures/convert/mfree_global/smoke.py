import gc

import mfree_global as mg

assert mg.lookup("answer") == 42
try:
    mg.lookup("question")
except KeyError:
    pass
else:
    raise AssertionError("an unknown name must raise KeyError")
gc.collect()
# While a module made from the def is alive, m_free must not have released the registry.
assert mg.lookup("answer") == 42
