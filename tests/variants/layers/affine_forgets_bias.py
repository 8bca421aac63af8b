"""Affine.forward returns x @ W and never adds b (db is still computed in backward)."""
import numpy as np

CAUGHT_BY = ["affine_course_notes_example", "affine_gradient_check", "affine_matches_reference"]
MISTAKE = "Your Affine.forward returns x @ W without adding the bias: return x @ W + b."


class Affine:
    def __init__(self, W, b):
        self.W, self.b = W, b
        self.x = self.dW = self.db = None

    def forward(self, x):
        self.x = x
        return np.dot(x, self.W)

    def backward(self, dout):
        self.dW = np.dot(self.x.T, dout)
        self.db = np.sum(dout, axis=0)
        return np.dot(dout, self.W.T)
