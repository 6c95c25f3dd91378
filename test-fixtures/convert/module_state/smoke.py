import gc

import module_state as ms

assert ms.history() == []
assert ms.push("a") == 1
assert ms.push(2) == 2
h = ms.history()
assert h == ["a", 2]
h.append("not recorded")
assert ms.history() == ["a", 2]
gc.collect()  # traverse must cope
assert ms.push(None) == 3
