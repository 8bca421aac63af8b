"""Relu.backward builds its mask from dout (dout > 0) instead of the forward pass's input x."""
import numpy as np

CAUGHT_BY = ["relu_gradient_check", "relu_matches_reference"]
MISTAKE = "Your Relu.backward builds its mask from dout > 0 instead of the forward input: zero dout where the forward input x was <= 0, using the mask saved in forward."
PASSES = ["relu_forward_values", "affine_gradient_check"]


class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        return np.where(dout > 0, dout, 0.0)
