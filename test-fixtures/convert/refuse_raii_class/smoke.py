import refuse_raii_class as r

assert r.answer() == 42
assert r.HELD == 1
