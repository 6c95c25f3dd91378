import refuse_helper_releases as r

assert r.version() == (1, 0, 3)
assert (r.MIN, r.MAX) == (0, 255)
