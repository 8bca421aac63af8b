"""leaky_relu with the branches swapped: alpha scales the positive inputs, negatives pass through."""
import numpy as np

CAUGHT_BY = ["leaky_relu_values", "leaky_relu_default_alpha", "matches_reference_alpha[leaky_relu]",
             "relu_grads_match_slope"]
MISTAKE = "Your leaky_relu has the branches swapped, scaling the positive inputs by alpha and passing the negative ones through: use np.where(x > 0, x, alpha * x)."


def leaky_relu(x, alpha=0.01):
    x = np.asarray(x)
    return np.where(x > 0, alpha * x, x)
