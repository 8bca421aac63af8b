"""SoftmaxWithLoss.backward(dout) returns (y - t) / N whatever dout is, as the textbook writes it: right only
when the loss ends the network (dout = 1), not when a later step scales the loss."""
import numpy as np

CAUGHT_BY = ["softmax_loss_gradient_check", "softmax_loss_matches_reference", "softmax_loss_large_scores"]
MISTAKE = "Your SoftmaxWithLoss.backward returns (y - t) / N whatever dout is: multiply by dout and return dout * (y - t) / N."
PASSES = ["softmax_loss_course_notes_example", "softmax_loss_batch_mean", "softmax_loss_label_targets"]


class SoftmaxWithLoss:
    def __init__(self):
        self.y = self.t = self.loss = None

    def forward(self, x, t):
        shifted = x - np.max(x, axis=1, keepdims=True)
        log_y = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
        self.y = np.exp(log_y)
        self.t = np.eye(x.shape[1])[t] if np.ndim(t) == 1 else t
        self.loss = -np.sum(self.t * log_y) / x.shape[0]
        return float(self.loss)

    def backward(self, dout=1):
        return (self.y - self.t) / self.y.shape[0]
