import crlf_module as c

assert c.NEWLINE == "\r\n"
assert c.lines("a\r\nb\nc") == ["a", "b", "c"]
assert c.lines("") == []
