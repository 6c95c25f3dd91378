import template_init as t

assert t.name() == "template_init"
assert t.block_size == 16
assert t.__doc__ == "A templated module."
