import sys

import def_forward_decl as f

assert f.is_own_module(f) is True
assert f.is_own_module(sys) is False
assert f.is_own_module(42) is False
assert f.module_name() == "def_forward_decl"
