"""relu assigns into its argument (x[x <= 0] = 0): right values, but the caller's array is changed."""
import numpy as np

CAUGHT_BY = ["input_not_modified"]
PASSES = ["relu_values", "matches_reference[relu]", "relu_grads_match_slope"]


def relu(x):
    x[x <= 0] = 0
    return x
