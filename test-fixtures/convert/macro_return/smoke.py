import macro_return as r

assert r.ping() == "pong"
assert r.LIMIT == 3
