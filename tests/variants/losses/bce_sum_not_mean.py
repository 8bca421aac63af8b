"""binary_cross_entropy sums over the elements instead of averaging."""
import numpy as np

CAUGHT_BY = ["bce_closed_forms", "bce_certain_predictions", "bce_is_mean", "bce_matches_reference"]
MISTAKE = "Your binary_cross_entropy sums the per-element losses with np.sum instead of averaging them: use np.mean over all elements."


def binary_cross_entropy(p, t):
    p, t = np.asarray(p, dtype=float), np.asarray(t, dtype=float)
    return -np.sum(t * np.log(p + 1e-7) + (1 - t) * np.log(1 - p + 1e-7))
