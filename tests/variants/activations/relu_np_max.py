"""relu with np.max instead of np.maximum: np.max(0, x) reads x as an axis and raises."""
import numpy as np

CAUGHT_BY = ["relu_values", "shapes_and_dtypes", "matches_reference[relu]", "relu_grads_match_slope"]
MISTAKE = "Your relu calls np.max(0, x), which reads x as an axis and raises an error: use the elementwise np.maximum(0, x)."


def relu(x):
    return np.max(0, x)
