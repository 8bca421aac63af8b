"""Affine.backward returns the local derivatives, as if dout were all ones: d(out)/dx = W, d(out)/dW = x,
d(out)/db = 1, never multiplied by the gradient from the layer above."""
import numpy as np

CAUGHT_BY = ["affine_gradient_check", "affine_matches_reference"]
MISTAKE = "Your Affine.backward uses ones in place of dout, ignoring the gradient from the layer above: use dx = dout @ W.T, dW = x.T @ dout and db = np.sum(dout, axis=0)."
PASSES = ["affine_course_notes_example", "sigmoid_gradient_check", "relu_gradient_check"]


class Affine:
    def __init__(self, W, b):
        self.W, self.b = W, b
        self.x = self.dW = self.db = None

    def forward(self, x):
        self.x = x
        return np.dot(x, self.W) + self.b

    def backward(self, dout):
        ones = np.ones_like(dout)
        self.dW = np.dot(self.x.T, ones)
        self.db = np.sum(ones, axis=0)
        return np.dot(ones, self.W.T)
