import numpy as np

import numpy_array as na

r = na.ramp(4)
assert isinstance(r, np.ndarray)
assert r.dtype == np.float64
assert r.tolist() == [0.0, 1.0, 2.0, 3.0]
assert na.ramp(0).shape == (0,)
assert na.NDIM == 1
try:
    na.ramp(-1)
except ValueError:
    pass
else:
    raise AssertionError("ramp(-1) must raise ValueError")
