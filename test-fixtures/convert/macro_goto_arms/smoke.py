import macro_goto_arms as m

c = m.Counter()
assert c.tick() == 1
assert c.tick() == 2
g = m.Gauge()
assert isinstance(g, m.Counter)
assert g.tick() == 1
assert m.Counter.__module__ == "macro_goto_arms"
