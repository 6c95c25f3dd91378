import limited_api_old as l

assert l.add(2, 3) == 5
assert l.ABI == "abi3"
assert l.__doc__ == "Stable ABI example."
