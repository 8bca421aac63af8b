"""The textbook one-liner 1 / (1 + exp(-x)): right values, but exp overflows (numpy warns) for x = -1000."""
import numpy as np

CAUGHT_BY = ["sigmoid_no_overflow[float64]", "sigmoid_no_overflow[float32]", "no_warnings_at_extremes"]
PASSES = ["sigmoid_seed_values", "sigmoid_range_and_symmetry", "matches_reference[sigmoid]"]


def sigmoid(x):
    return 1 / (1 + np.exp(-x))
