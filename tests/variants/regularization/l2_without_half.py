"""L2 penalty without the 1/2: lam * sum of squares, twice the documented value."""
import numpy as np

CAUGHT_BY = ["l2_worked_example", "l2_matches_reference"]
PASSES = ["l2_sums_over_all_arrays", "l2_properties"]


def l2_penalty(weights, lam):
    return float(lam * sum(np.sum(w ** 2) for w in weights))
