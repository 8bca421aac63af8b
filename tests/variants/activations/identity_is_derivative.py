"""identity confused with its derivative: returns ones instead of x."""
import numpy as np

CAUGHT_BY = ["identity_returns_input", "matches_reference[identity]"]


def identity(x):
    return np.ones_like(x)
