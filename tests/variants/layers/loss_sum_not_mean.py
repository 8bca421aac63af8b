"""SoftmaxWithLoss.forward sums the cross-entropy over the batch instead of averaging it."""
import numpy as np

CAUGHT_BY = ["softmax_loss_batch_mean", "softmax_loss_label_targets", "softmax_loss_gradient_check",
             "softmax_loss_matches_reference"]
MISTAKE = "Your SoftmaxWithLoss.forward sums the cross-entropy over the batch instead of averaging it: divide the sum by the batch size N."
PASSES = ["softmax_loss_course_notes_example"]


class SoftmaxWithLoss:
    def __init__(self):
        self.y = self.t = self.loss = None

    def forward(self, x, t):
        shifted = x - np.max(x, axis=1, keepdims=True)
        self.y = np.exp(shifted) / np.sum(np.exp(shifted), axis=1, keepdims=True)
        self.t = np.eye(x.shape[1])[t] if np.ndim(t) == 1 else t
        self.loss = -np.sum(self.t * np.log(self.y))
        return float(self.loss)

    def backward(self, dout=1):
        return dout * (self.y - self.t) / self.y.shape[0]
