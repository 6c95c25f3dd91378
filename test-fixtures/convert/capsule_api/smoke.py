import ctypes

import capsule_api as ca

assert ca.gcd(12, 18) == 6
assert ca.gcd(-4, 6) == 2
assert type(ca._C_API).__name__ == "PyCapsule"

# Read the table through the capsule, as a client extension would.
get_pointer = ctypes.pythonapi.PyCapsule_GetPointer
get_pointer.restype = ctypes.c_void_p
get_pointer.argtypes = [ctypes.py_object, ctypes.c_char_p]
table = get_pointer(ca._C_API, b"capsule_api._C_API")
assert table


class CAPI(ctypes.Structure):
    _fields_ = [("abi_version", ctypes.c_int),
                ("gcd", ctypes.CFUNCTYPE(ctypes.c_long, ctypes.c_long, ctypes.c_long))]


api = CAPI.from_address(table)
assert api.abi_version == 1
assert api.gcd(21, 14) == 7
