"""tanh from its definition with exp: inf / inf = nan for x = ±1000."""
import numpy as np

CAUGHT_BY = ["tanh_odd_and_bounded", "matches_reference[tanh]", "matches_reference_at_extremes"]
MISTAKE = "Your tanh computes (exp(x) - exp(-x)) / (exp(x) + exp(-x)), which gives inf / inf = nan for large |x|: use np.tanh(x)."
PASSES = ["tanh_grad_matches_slope"]


def tanh(x):
    return (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))
