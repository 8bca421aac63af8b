"""Sigmoid.backward uses x (1 - x) with the forward input x instead of out (1 - out)."""
import numpy as np

CAUGHT_BY = ["sigmoid_course_notes_example", "sigmoid_gradient_check", "sigmoid_matches_reference"]
MISTAKE = "Your Sigmoid.backward uses x * (1 - x) with the forward input x instead of the output: keep out in forward and return dout * out * (1 - out)."
PASSES = ["affine_gradient_check", "relu_gradient_check"]


class Sigmoid:
    def __init__(self):
        self.x = None

    def forward(self, x):
        self.x = x
        return 1 / (1 + np.exp(-x))

    def backward(self, dout):
        return dout * self.x * (1 - self.x)
