"""tanh from its definition with exp: inf / inf = nan for x = ±1000."""
import numpy as np

CAUGHT_BY = ["tanh_odd_and_bounded", "matches_reference[tanh]", "matches_reference_at_extremes"]
PASSES = ["tanh_grad_matches_slope"]


def tanh(x):
    return (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))
