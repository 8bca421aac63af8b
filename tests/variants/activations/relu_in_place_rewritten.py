"""Same mistake as relu_in_place (relu overwrites the entries x <= 0 of the caller's array),
written another way: the mask in a helper variable and np.putmask instead of boolean-index assignment."""
import numpy as np

CAUGHT_BY = ["relu_values", "relu_grads_match_slope", "shapes_and_dtypes", "matches_reference[relu]",
             "matches_reference_at_extremes"]
MISTAKE = "Your relu changes the caller's array by assigning x[x <= 0] = 0: return a new array instead, e.g. np.maximum(0, x)."
PASSES = ["step_is_zero_or_one", "leaky_relu_values", "matches_reference[relu_grad]"]


def relu(x):
    not_positive = x <= 0
    np.putmask(x, not_positive, 0)
    return x
