import twin_alpha
import twin_beta

assert twin_alpha.NAME == "alpha"
assert twin_beta.NAME == "beta"
assert twin_alpha.double(21) == 42
assert twin_beta.double("ab") == "abab"
assert twin_beta.negate(5) == -5
assert not hasattr(twin_alpha, "negate")
assert twin_alpha.__doc__ == "The first twin."
assert twin_beta.__doc__ == "The second twin."
