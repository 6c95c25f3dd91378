import refuse_macro_init as r

assert r.triple(14) == 42
assert r.triple("ab") == "ababab"
assert r.BUILT_BY == "macro"
