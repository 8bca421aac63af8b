"""Sigmoid.backward returns the local derivative out (1 - out) and forgets to multiply it by dout."""
import numpy as np

CAUGHT_BY = ["sigmoid_gradient_check", "sigmoid_matches_reference"]
MISTAKE = "Your Sigmoid.backward returns out * (1 - out) without multiplying by dout: return dout * out * (1 - out)."
PASSES = ["sigmoid_course_notes_example", "affine_gradient_check", "relu_gradient_check"]


class Sigmoid:
    def __init__(self):
        self.out = None

    def forward(self, x):
        self.out = 1 / (1 + np.exp(-x))
        return self.out

    def backward(self, dout):
        return self.out * (1.0 - self.out)
