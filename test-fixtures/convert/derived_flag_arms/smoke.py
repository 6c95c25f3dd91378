import derived_flag_arms as d

assert d.alpha == "alpha"
assert d.gamma == "gamma"
assert d.count() == 3
