import mod_init_compat as c

assert c.ping() == "pong"
assert c.LEVEL == 3
assert c.__doc__ == "Works on 2 and 3."
