"""relu_grad returns the mask x > 0 itself (True/False) instead of 0.0/1.0."""
import numpy as np

CAUGHT_BY = ["shapes_and_dtypes"]
PASSES = ["grads_at_kinks", "matches_reference[relu_grad]"]


def relu_grad(x):
    return np.asarray(x) > 0
