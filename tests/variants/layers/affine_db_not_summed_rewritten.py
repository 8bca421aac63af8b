"""Same mistake as affine_db_not_summed, written another way: Affine.backward copies dout as the bias
gradient, one row per sample, instead of summing it over the batch; products through the .dot method."""
import numpy as np

CAUGHT_BY = ["affine_gradient_check", "affine_matches_reference"]
MISTAKE = "Your Affine.backward sets db = dout, one row per sample: sum it over the batch with db = np.sum(dout, axis=0)."
PASSES = ["affine_course_notes_example"]


class Affine:
    def __init__(self, W, b):
        self.W = W
        self.b = b
        self.x = None
        self.dW = None
        self.db = None

    def forward(self, x):
        self.x = x
        out = np.dot(x, self.W)
        out = out + self.b
        return out

    def backward(self, dout):
        dx = dout.dot(self.W.T)
        self.dW = self.x.T.dot(dout)
        self.db = dout.copy()
        return dx
