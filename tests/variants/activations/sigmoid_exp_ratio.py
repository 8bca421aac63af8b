"""sigmoid written exp(x) / (1 + exp(x)): the same curve, but inf / inf = nan for x >= 710
(x >= 89 in float32)."""
import numpy as np

CAUGHT_BY = ["sigmoid_at_extremes[float64]", "sigmoid_at_extremes[float32]", "matches_reference_at_extremes"]
MISTAKE = "Your sigmoid computes exp(x) / (1 + exp(x)), which gives inf / inf = nan for large x: with e = exp(-|x|), use 1 / (1 + e) for x >= 0 and e / (1 + e) for x < 0."
PASSES = ["sigmoid_course_notes_values", "sigmoid_range_and_symmetry", "sigmoid_grad_matches_slope"]


def sigmoid(x):
    e = np.exp(x)
    return e / (1 + e)
