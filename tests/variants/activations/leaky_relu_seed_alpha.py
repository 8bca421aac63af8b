"""Default alpha copied from the plotting code of the course notes, part 001 (a = 0.1), instead of the
documented 0.01."""
import numpy as np

CAUGHT_BY = ["leaky_relu_default_alpha"]
MISTAKE = "Your leaky_relu has the default alpha=0.1 instead of the documented 0.01: change the default to alpha=0.01."
PASSES = ["leaky_relu_values", "matches_reference_alpha[leaky_relu]"]


def leaky_relu(x, alpha=0.1):
    x = np.asarray(x)
    return np.where(x > 0, x, alpha * x)
