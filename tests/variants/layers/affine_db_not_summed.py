"""Affine.backward keeps db = dout, one row per sample, instead of summing over the batch."""
import numpy as np

CAUGHT_BY = ["affine_gradient_check", "affine_matches_reference"]
MISTAKE = "Your Affine.backward sets db = dout, one row per sample: sum it over the batch with db = np.sum(dout, axis=0)."
PASSES = ["affine_course_notes_example"]


class Affine:
    def __init__(self, W, b):
        self.W, self.b = W, b
        self.x = self.dW = self.db = None

    def forward(self, x):
        self.x = x
        return np.dot(x, self.W) + self.b

    def backward(self, dout):
        self.dW = np.dot(self.x.T, dout)
        self.db = dout
        return np.dot(dout, self.W.T)
