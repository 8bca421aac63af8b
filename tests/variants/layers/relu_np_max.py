"""Relu.forward calls np.max(x, 0), a maximum over axis 0, where np.maximum(x, 0) was meant."""
import numpy as np

CAUGHT_BY = ["relu_forward_values", "relu_gradient_check", "relu_matches_reference"]
MISTAKE = "Your Relu.forward calls np.max(x, 0), a maximum over axis 0, instead of the elementwise maximum: use np.maximum(x, 0)."
PASSES = ["affine_gradient_check", "sigmoid_gradient_check"]


class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        return np.max(x, 0)

    def backward(self, dout):
        return np.where(self.mask, 0.0, dout)
