"""Same mistake as l2_without_half, written another way: an explicit loop adding up np.sum(W * W), then
lam times the total, without the 1/2."""
import numpy as np

CAUGHT_BY = ["l2_worked_example", "l2_matches_reference"]
MISTAKE = "Your l2_penalty leaves out the 1/2 and gives twice the documented value: return 0.5 * lam * (sum of all squared weights)."
PASSES = ["l2_sums_over_all_arrays", "l2_properties"]


def l2_penalty(weights, lam):
    sum_of_squares = 0
    for W in weights:
        sum_of_squares += np.sum(W * W)
    return float(lam * sum_of_squares)
