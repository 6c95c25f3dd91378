import export_macro as e

assert e.halve(9) == 4
assert e.unit == "half"
assert e.__doc__ == "Halves."
