"""A "stable" sigmoid with np.where: both branches are computed everywhere, so exp still overflows."""
import numpy as np

CAUGHT_BY = ["sigmoid_no_overflow[float64]", "no_warnings_at_extremes"]
PASSES = ["sigmoid_seed_values", "matches_reference[sigmoid]", "sigmoid_grad_matches_slope"]


def sigmoid(x):
    x = np.asarray(x)
    return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))
