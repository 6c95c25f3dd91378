import msize_zero as mz

sentinel = object()
assert mz.identity(sentinel) is sentinel
assert mz.module_of() is mz
assert mz.STATELESS == 1
