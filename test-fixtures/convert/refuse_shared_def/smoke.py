import refuse_shared_def as r
import refuse_shared_def_legacy as legacy

assert r.version() == (2, 1)
assert r.LEGACY == 0
assert legacy.LEGACY == 1
assert legacy.version() == (2, 1)
