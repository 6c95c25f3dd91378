import sys

import refuse_ifdef_create as r

assert r.tag() == "ifdef"
assert r.FLAVOUR == ("new" if sys.version_info >= (3, 10) else "old")
