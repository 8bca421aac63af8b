"""Correct, another way: Sigmoid keeps x and recomputes sigmoid in backward, Relu multiplies by
(x > 0), Affine uses einsum, and the loss uses log-sum-exp directly."""
import numpy as np


class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = (x > 0).astype(float)
        return np.maximum(x, 0.0)

    def backward(self, dout):
        return dout * self.mask


class Sigmoid:
    def __init__(self):
        self.x = None

    def forward(self, x):
        self.x = np.array(x, dtype=float)
        return 0.5 * (1.0 + np.tanh(0.5 * self.x))

    def backward(self, dout):
        s = 0.5 * (1.0 + np.tanh(0.5 * self.x))
        return dout * s * (1.0 - s)


class Affine:
    def __init__(self, W, b):
        self.W, self.b = W, b
        self.x = self.dW = self.db = None

    def forward(self, x):
        self.x = x.copy()
        return np.einsum("nd,de->ne", x, self.W) + self.b

    def backward(self, dout):
        self.dW = np.einsum("nd,ne->de", self.x, dout)
        self.db = dout.sum(axis=0)
        return np.einsum("ne,de->nd", dout, self.W)


class SoftmaxWithLoss:
    def __init__(self):
        self.y = self.t = self.loss = None

    def forward(self, x, t):
        n, k = x.shape
        m = x.max(axis=1, keepdims=True)
        lse = m + np.log(np.exp(x - m).sum(axis=1, keepdims=True))
        self.y = np.exp(x - lse)
        self.t = np.zeros((n, k))
        if np.ndim(t) == 1:
            self.t[np.arange(n), t] = 1.0
        else:
            self.t[:] = t
        self.loss = float(np.mean(np.sum(self.t * (lse - x), axis=1)))
        return self.loss

    def backward(self, dout=1):
        return dout * (self.y - self.t) / len(self.y)
