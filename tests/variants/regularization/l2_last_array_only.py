"""The loop overwrites the total instead of adding to it: only the last array counts."""
import numpy as np

CAUGHT_BY = ["l2_worked_example", "l2_sums_over_all_arrays", "l2_matches_reference"]
MISTAKE = "Your l2_penalty overwrites the total in its loop instead of adding to it, so only the last array counts: use total += np.sum(w ** 2)."
PASSES = ["l2_properties"]


def l2_penalty(weights, lam):
    total = 0.0
    for w in weights:
        total = np.sum(w ** 2)
    return float(0.5 * lam * total)
