"""tanh_grad forgets the square: 1 - tanh(x) instead of 1 - tanh(x)**2."""
import numpy as np

CAUGHT_BY = ["tanh_grad_matches_slope", "matches_reference[tanh_grad]"]
MISTAKE = "Your tanh_grad computes 1 - tanh(x) instead of 1 - tanh(x)**2: square tanh(x) before subtracting it from 1."


def tanh_grad(x):
    return 1.0 - np.tanh(x)
