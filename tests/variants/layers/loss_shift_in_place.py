"""SoftmaxWithLoss.forward shifts the scores in place (x -= max), changing the caller's x.

The docstring says forward does not change x, so every call of it fails."""
import numpy as np

CAUGHT_BY = ["softmax_loss_course_notes_example", "softmax_loss_batch_mean", "softmax_loss_label_targets",
             "softmax_loss_gradient_check", "softmax_loss_matches_reference", "softmax_loss_large_scores"]
MISTAKE = "Your SoftmaxWithLoss.forward shifts the scores in place with x -= max, changing the caller's x: work on a new array, shifted = x - np.max(x, axis=1, keepdims=True)."
PASSES = ["affine_gradient_check", "relu_gradient_check"]


class SoftmaxWithLoss:
    def __init__(self):
        self.y = self.t = self.loss = None

    def forward(self, x, t):
        x -= np.max(x, axis=1, keepdims=True)
        self.y = np.exp(x) / np.sum(np.exp(x), axis=1, keepdims=True)
        self.t = np.eye(x.shape[1])[t] if np.ndim(t) == 1 else t
        self.loss = -np.sum(self.t * (x - np.log(np.sum(np.exp(x), axis=1, keepdims=True)))) / x.shape[0]
        return float(self.loss)

    def backward(self, dout=1):
        return dout * (self.y - self.t) / self.y.shape[0]
