import numpy as np

import numpy_ufunc as nu

assert isinstance(nu.halve, np.ufunc)
assert nu.halve(np.array([2.0, 5.0])).tolist() == [1.0, 2.5]
assert nu.halve(3) == 1.5
assert nu.halve.__doc__.startswith("halve(")
