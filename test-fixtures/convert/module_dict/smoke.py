import module_dict as md

assert issubclass(md.error, Exception)
assert md.error.__name__ == "error"
try:
    md.fail("boom")
except md.error as e:
    assert str(e) == "boom"
else:
    raise AssertionError("fail() must raise module_dict.error")
try:
    md.fail()
except md.error as e:
    assert str(e) == "failed"
