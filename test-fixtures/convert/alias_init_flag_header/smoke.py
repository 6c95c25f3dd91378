import alias_init_flag_header as a

assert a.width_of("abc") == 24
assert a.width_of([]) == 0
assert a.WIDTH == 8
assert a.__doc__ == "Init named through an alias."
