"""Affine.backward computes dW = dout.T @ x: shape (D_out, D_in), W's shape transposed."""
import numpy as np

CAUGHT_BY = ["affine_gradient_check", "affine_matches_reference"]
MISTAKE = "Your Affine.backward computes dW = dout.T @ x, which has W's shape transposed: use dW = x.T @ dout, of shape (D_in, D_out)."
PASSES = ["affine_course_notes_example", "sigmoid_gradient_check"]


class Affine:
    def __init__(self, W, b):
        self.W, self.b = W, b
        self.x = self.dW = self.db = None

    def forward(self, x):
        self.x = x
        return np.dot(x, self.W) + self.b

    def backward(self, dout):
        self.dW = np.dot(dout.T, self.x)
        self.db = np.sum(dout, axis=0)
        return np.dot(dout, self.W.T)
