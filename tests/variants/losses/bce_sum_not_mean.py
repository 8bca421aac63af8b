"""binary_cross_entropy sums over the elements instead of averaging."""
import numpy as np

CAUGHT_BY = ["bce_closed_forms", "bce_certain_predictions", "bce_is_mean", "bce_matches_reference"]


def binary_cross_entropy(p, t):
    p, t = np.asarray(p, dtype=float), np.asarray(t, dtype=float)
    return -np.sum(t * np.log(p + 1e-7) + (1 - t) * np.log(1 - p + 1e-7))
