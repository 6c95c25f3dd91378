import find_module_early_return as m

assert m.parse_digit("7") == 7
try:
    m.parse_digit("x")
except m.ParseError as e:
    assert isinstance(e, ValueError)
else:
    raise AssertionError("no ParseError")
assert m.__doc__ == "Parses digits."
