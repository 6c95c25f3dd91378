import split_header_rettype as s

assert s.area(2.0, 3.0) == 6.0
assert s.UNITS == "m2"
