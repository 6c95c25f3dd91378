import init_macro_header as h

assert h.get_sentinel() == "sentinel"
assert h.version == 3
