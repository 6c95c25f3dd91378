import shared_helper as s

assert s.FLAVOUR == "shared"
assert s.__doc__ == "One body for 2 and 3."
