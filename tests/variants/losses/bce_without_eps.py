"""binary_cross_entropy without eps: p of exactly 0 or 1 gives log(0) = -inf and 0 * -inf = nan."""
import numpy as np

CAUGHT_BY = ["bce_certain_predictions", "bce_is_mean", "bce_matches_reference"]
MISTAKE = "Your binary_cross_entropy takes the logs without eps, so p of exactly 0 or 1 gives log(0) = -inf and nan: add eps inside both logs, log(p + 1e-7) and log(1 - p + 1e-7)."
PASSES = ["bce_closed_forms"]


def binary_cross_entropy(p, t):
    p, t = np.asarray(p, dtype=float), np.asarray(t, dtype=float)
    return -np.mean(t * np.log(p) + (1 - t) * np.log(1 - p))
