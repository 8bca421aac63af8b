"""relu_grad uses x >= 0: the derivative at the kink x = 0 comes out 1 instead of the documented 0."""
import numpy as np

CAUGHT_BY = ["grads_at_kinks", "matches_reference[relu_grad]"]
MISTAKE = "Your relu_grad tests x >= 0, so relu_grad(0) is 1 instead of the documented 0: use the strict test x > 0."
PASSES = ["relu_grads_match_slope", "shapes_and_dtypes"]


def relu_grad(x):
    return (np.asarray(x) >= 0).astype(np.float64)
