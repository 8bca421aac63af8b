"""SoftmaxWithLoss.backward returns y - t, forgetting the 1/N of the mean loss."""
import numpy as np

CAUGHT_BY = ["softmax_loss_batch_mean", "softmax_loss_label_targets", "softmax_loss_gradient_check",
             "softmax_loss_matches_reference", "softmax_loss_large_scores"]
MISTAKE = "Your SoftmaxWithLoss.backward returns dout * (y - t) without the 1/N of the mean loss: divide by the batch size N."
PASSES = ["softmax_loss_course_notes_example"]


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
        return dout * (self.y - self.t)
