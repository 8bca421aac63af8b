"""identity_grad returns the number 1: the right slope, but not an array of x's shape."""
CAUGHT_BY = ["identity_and_its_slope", "shapes_and_dtypes", "matches_reference[identity]",
             "matches_reference_at_extremes"]
MISTAKE = "Your identity_grad returns the plain number 1.0 instead of an array of x's shape: return np.ones_like(x, dtype=float)."
PASSES = ["relu_values", "sigmoid_grad_matches_slope"]


def identity_grad(x):
    return 1.0
