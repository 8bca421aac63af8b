"""L2 penalty without the 1/2: lam * sum of squares, twice the documented value."""
import numpy as np

CAUGHT_BY = ["l2_worked_example", "l2_matches_reference"]
MISTAKE = "Your l2_penalty leaves out the 1/2 and gives twice the documented value: return 0.5 * lam * (sum of all squared weights)."
PASSES = ["l2_sums_over_all_arrays", "l2_properties"]


def l2_penalty(weights, lam):
    return float(lam * sum(np.sum(w ** 2) for w in weights))
