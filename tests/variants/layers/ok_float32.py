"""Correct, in float32: every layer casts its inputs to float32 and computes there (results are
handed back as float64, as documented); only the tolerances tell it apart."""
import numpy as np

F32 = np.float32


class Affine:
    def __init__(self, W, b):
        self.W, self.b = W, b
        self.x = self.dW = self.db = None

    def forward(self, x):
        self.x = np.asarray(x, F32)
        return (self.x @ np.asarray(self.W, F32) + np.asarray(self.b, F32)).astype(np.float64)

    def backward(self, dout):
        dout = np.asarray(dout, F32)
        self.dW = (self.x.T @ dout).astype(np.float64)
        self.db = np.sum(dout, axis=0).astype(np.float64)
        return (dout @ np.asarray(self.W, F32).T).astype(np.float64)


class Sigmoid:
    def __init__(self):
        self.out = None

    def forward(self, x):
        self.out = F32(1) / (F32(1) + np.exp(-np.asarray(x, F32)))
        return self.out.astype(np.float64)

    def backward(self, dout):
        return (np.asarray(dout, F32) * self.out * (F32(1) - self.out)).astype(np.float64)


class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        x = np.asarray(x, F32)
        self.mask = x <= 0
        return np.where(self.mask, F32(0), x).astype(np.float64)

    def backward(self, dout):
        return np.where(self.mask, F32(0), np.asarray(dout, F32)).astype(np.float64)


class SoftmaxWithLoss:
    def __init__(self):
        self.y = self.t = self.loss = None

    def forward(self, x, t):
        x = np.asarray(x, F32)
        shifted = x - np.max(x, axis=1, keepdims=True)
        log_y = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
        t = np.asarray(t)
        self.t = np.eye(x.shape[1], dtype=F32)[t] if t.ndim == 1 else t.astype(F32)
        self.y = np.exp(log_y)
        self.loss = float(-np.sum(self.t * log_y) / F32(x.shape[0]))
        return self.loss

    def backward(self, dout=1):
        return (F32(dout) * (self.y - self.t) / F32(self.y.shape[0])).astype(np.float64)
