import cr_module as c

assert c.NEWLINE == "\r"
assert c.count("a\rb\r\nc") == 2
assert c.count("") == 0
