import refuse_return_other as r

assert r.ident(5) == 5
assert r.BUILD == "release"
