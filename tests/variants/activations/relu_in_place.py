"""relu assigns into its argument (x[x <= 0] = 0): right values, but the caller's array is changed,
which the docstring does not allow; every check that calls relu fails."""
import numpy as np

CAUGHT_BY = ["relu_values", "relu_grads_match_slope", "shapes_and_dtypes", "matches_reference[relu]",
             "matches_reference_at_extremes"]
MISTAKE = "Your relu changes the caller's array by assigning x[x <= 0] = 0: return a new array instead, e.g. np.maximum(0, x)."
PASSES = ["step_is_zero_or_one", "leaky_relu_values", "matches_reference[relu_grad]"]


def relu(x):
    x[x <= 0] = 0
    return x
