"""leaky_relu with the branches swapped: alpha scales the positive inputs, negatives pass through."""
import numpy as np

CAUGHT_BY = ["leaky_relu_values", "leaky_relu_default_alpha", "matches_reference_alpha[leaky_relu]",
             "relu_grads_match_slope"]


def leaky_relu(x, alpha=0.01):
    x = np.asarray(x)
    return np.where(x > 0, alpha * x, x)
