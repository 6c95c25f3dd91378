import macro_temp_decref as f

assert f.NAME_read == "read"
assert f.NAME_write == "write"
