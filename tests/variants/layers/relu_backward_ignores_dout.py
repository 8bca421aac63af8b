"""Relu.backward returns the local derivative, 1 where x > 0 and 0 elsewhere, instead of dout there."""
import numpy as np

CAUGHT_BY = ["relu_gradient_check", "relu_matches_reference"]
MISTAKE = "Your Relu.backward returns 1 where x > 0 instead of dout there: return dout where the forward input was > 0 and 0 elsewhere."
PASSES = ["relu_forward_values", "affine_gradient_check", "sigmoid_gradient_check"]


class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        return np.maximum(x, 0)

    def backward(self, dout):
        return np.where(self.mask, 0.0, 1.0)
