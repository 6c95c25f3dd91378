import build_named_init as e

assert e.twice(21) == 42
assert e.built_as == "build_named_init"
assert e.__name__ == "build_named_init"
