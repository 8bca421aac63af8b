"""identity confused with its derivative: returns ones instead of x."""
import numpy as np

CAUGHT_BY = ["identity_and_its_slope", "matches_reference[identity]", "matches_reference_at_extremes"]
MISTAKE = "Your identity returns an array of ones (its derivative) instead of x's values: return a copy of x, e.g. np.array(x, copy=True)."


def identity(x):
    return np.ones_like(x)
