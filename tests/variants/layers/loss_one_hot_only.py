"""SoftmaxWithLoss handles one-hot targets only: label targets (N,) broadcast into nonsense."""
import numpy as np

CAUGHT_BY = ["softmax_loss_label_targets"]
MISTAKE = "Your SoftmaxWithLoss handles only one-hot targets, so class-label targets of shape (N,) break it: turn labels into one-hot rows in forward, e.g. np.eye(K)[t], before using t."
PASSES = ["softmax_loss_course_notes_example", "softmax_loss_batch_mean"]


class SoftmaxWithLoss:
    def __init__(self):
        self.y = self.t = self.loss = None

    def forward(self, x, t):
        shifted = x - np.max(x, axis=1, keepdims=True)
        self.y = np.exp(shifted) / np.sum(np.exp(shifted), axis=1, keepdims=True)
        self.t = t
        self.loss = -np.sum(t * np.log(self.y)) / x.shape[0]
        return float(self.loss)

    def backward(self, dout=1):
        return dout * (self.y - self.t) / self.y.shape[0]
