import msize_by_version as m

assert m.pair() == (1, 2)
assert m.pair() is m.pair()
assert m.WIDTH == 2
assert m.__doc__ == "m_size by version."
