"""Clips x to [-500, 500] before exp: safe in float64, but exp(500) still overflows in float32."""
import numpy as np

CAUGHT_BY = ["sigmoid_no_overflow[float32]", "no_warnings_at_extremes"]
PASSES = ["sigmoid_no_overflow[float64]", "matches_reference[sigmoid]"]


def sigmoid(x):
    return 1 / (1 + np.exp(-np.clip(x, -500, 500)))
