"""Uses the norm ||W|| (np.linalg.norm) instead of its square: the penalty grows linearly with the weights."""
import numpy as np

CAUGHT_BY = ["l2_worked_example", "l2_properties", "l2_matches_reference"]


def l2_penalty(weights, lam):
    return float(0.5 * lam * sum(np.linalg.norm(w) for w in weights))
