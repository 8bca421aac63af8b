"""l2_penalty squares the weights in their own memory (np.square(w, out=w)) to save memory: the caller's weight
matrices are overwritten with their squares."""
import numpy as np

CAUGHT_BY = ["l2_worked_example", "l2_sums_over_all_arrays", "l2_properties", "l2_matches_reference"]
MISTAKE = "Your l2_penalty squares the weights in place (np.square(w, out=w)), overwriting the caller's weight matrices: square into a new array, e.g. np.sum(w ** 2)."
PASSES = ["eval_is_identity", "expectation_preserved"]


def l2_penalty(weights, lam):
    total = 0.0
    for w in weights:
        np.square(w, out=w)
        total += float(np.sum(w))
    return float(0.5 * lam * total)
