"""SoftmaxWithLoss takes exp(x) without subtracting the row max: scores near 1000 give nan."""
import numpy as np

CAUGHT_BY = ["softmax_loss_large_scores"]
MISTAKE = "Your SoftmaxWithLoss.forward takes exp(x) without subtracting each row's max, so large scores give nan: compute the softmax of x - np.max(x, axis=1, keepdims=True)."
PASSES = ["softmax_loss_course_notes_example", "softmax_loss_gradient_check", "softmax_loss_matches_reference"]


class SoftmaxWithLoss:
    def __init__(self):
        self.y = self.t = self.loss = None

    def forward(self, x, t):
        self.y = np.exp(x) / np.sum(np.exp(x), axis=1, keepdims=True)
        self.t = np.eye(x.shape[1])[t] if np.ndim(t) == 1 else t
        self.loss = -np.sum(self.t * np.log(self.y)) / x.shape[0]
        return float(self.loss)

    def backward(self, dout=1):
        return dout * (self.y - self.t) / self.y.shape[0]
