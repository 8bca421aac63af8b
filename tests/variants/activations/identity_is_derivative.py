"""identity confused with its derivative: returns ones instead of x."""
import numpy as np

CAUGHT_BY = ["identity_and_its_slope", "matches_reference[identity]", "matches_reference_at_extremes"]


def identity(x):
    return np.ones_like(x)
