"""leaky_relu_grad copied from relu_grad: the slope alpha of the negative side comes out 0."""
import numpy as np

CAUGHT_BY = ["leaky_relu_default_alpha", "grads_at_kinks", "relu_grads_match_slope",
             "matches_reference_alpha[leaky_relu_grad]"]
MISTAKE = "Your leaky_relu_grad returns 0 instead of alpha for x <= 0 (it is relu_grad): use np.where(x > 0, 1.0, alpha)."
PASSES = ["leaky_relu_values", "matches_reference[relu_grad]"]


def leaky_relu_grad(x, alpha=0.01):
    return (np.asarray(x) > 0).astype(np.float64)
