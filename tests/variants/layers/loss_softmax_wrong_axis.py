"""SoftmaxWithLoss normalises each column (axis=0, over the batch) instead of each row (a sample)."""
import numpy as np

CAUGHT_BY = ["softmax_loss_course_notes_example", "softmax_loss_batch_mean", "softmax_loss_gradient_check",
             "softmax_loss_matches_reference"]
MISTAKE = "Your SoftmaxWithLoss normalises each column (axis=0, over the batch) instead of each row: take the max and the sum with axis=1 and keepdims=True."
PASSES = ["affine_gradient_check"]


class SoftmaxWithLoss:
    def __init__(self):
        self.y = self.t = self.loss = None

    def forward(self, x, t):
        shifted = x - np.max(x, axis=0)
        self.y = np.exp(shifted) / np.sum(np.exp(shifted), axis=0)
        self.t = np.eye(x.shape[1])[t] if np.ndim(t) == 1 else t
        self.loss = -np.sum(self.t * np.log(self.y + 1e-7)) / x.shape[0]
        return float(self.loss)

    def backward(self, dout=1):
        return dout * (self.y - self.t) / self.y.shape[0]
