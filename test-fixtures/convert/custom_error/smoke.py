import custom_error as ce

assert ce.parse_digit("7") == 7
assert ce.BASE == 10
assert issubclass(ce.ParseError, ValueError)
assert ce.ParseError.__module__ == "custom_error"
assert ce.ParseError.__doc__ == "Raised for text that is not a digit."
for bad in ("x", "12", ""):
    try:
        ce.parse_digit(bad)
    except ce.ParseError as e:
        assert "not a digit" in str(e)
    else:
        raise AssertionError(f"{bad!r} must raise ParseError")
