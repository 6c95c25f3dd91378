import refuse_build_named_init as e

assert e.twice(21) == 42
