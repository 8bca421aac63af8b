"""relu_grad returns the mask x > 0 itself (True/False) instead of 0.0/1.0."""
import numpy as np

CAUGHT_BY = ["shapes_and_dtypes"]
MISTAKE = "Your relu_grad returns a bool array (True/False) instead of numbers: convert the mask with (x > 0).astype(np.float64)."
PASSES = ["grads_at_kinks", "matches_reference[relu_grad]"]


def relu_grad(x):
    return np.asarray(x) > 0
