import refuse_state_find as r

assert r.hit() == 1
assert r.hit() == 2
