import refuse_raii_header as h

assert h.double(4) == 8
assert h.width == 8
