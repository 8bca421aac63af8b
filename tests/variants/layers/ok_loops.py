"""Correct, with loops instead of vectorisation: every entry computed on its own with Python floats."""
import math

import numpy as np


class Affine:
    def __init__(self, W, b):
        self.W, self.b = W, b
        self.x = self.dW = self.db = None

    def forward(self, x):
        self.x = np.array(x, dtype=float)
        n, d_in = self.x.shape
        d_out = len(self.b)
        out = np.zeros((n, d_out))
        for r in range(n):
            for j in range(d_out):
                total = float(self.b[j])
                for i in range(d_in):
                    total += self.x[r, i] * self.W[i, j]
                out[r, j] = total
        return out

    def backward(self, dout):
        n, d_in = self.x.shape
        d_out = dout.shape[1]
        dx, self.dW, self.db = np.zeros((n, d_in)), np.zeros((d_in, d_out)), np.zeros(d_out)
        for r in range(n):
            for j in range(d_out):
                self.db[j] += dout[r, j]
                for i in range(d_in):
                    dx[r, i] += dout[r, j] * self.W[i, j]
                    self.dW[i, j] += self.x[r, i] * dout[r, j]
        return dx


class Sigmoid:
    def __init__(self):
        self.out = None

    def forward(self, x):
        self.out = np.zeros(np.shape(x))
        for i in np.ndindex(self.out.shape):
            z = float(x[i])
            # exp of a negative number only, so that no z overflows
            self.out[i] = 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))
        return self.out

    def backward(self, dout):
        dx = np.zeros(self.out.shape)
        for i in np.ndindex(dx.shape):
            dx[i] = dout[i] * self.out[i] * (1.0 - self.out[i])
        return dx


class Relu:
    def __init__(self):
        self.on = None

    def forward(self, x):
        self.on = np.zeros(np.shape(x), dtype=bool)
        out = np.zeros(np.shape(x))
        for i in np.ndindex(out.shape):
            self.on[i] = x[i] > 0
            out[i] = x[i] if self.on[i] else 0.0
        return out

    def backward(self, dout):
        dx = np.zeros(self.on.shape)
        for i in np.ndindex(dx.shape):
            dx[i] = dout[i] if self.on[i] else 0.0
        return dx


class SoftmaxWithLoss:
    def __init__(self):
        self.y = self.t = self.loss = None

    def forward(self, x, t):
        n, k = x.shape
        self.y, self.t = np.zeros((n, k)), np.zeros((n, k))
        total = 0.0
        for r in range(n):
            top = max(float(v) for v in x[r])
            exps = [math.exp(float(v) - top) for v in x[r]]
            norm = sum(exps)
            for c in range(k):
                self.y[r, c] = exps[c] / norm
                self.t[r, c] = float(t[r] == c) if np.ndim(t) == 1 else float(t[r, c])
                if self.t[r, c]:
                    total -= self.t[r, c] * (float(x[r, c]) - top - math.log(norm))
        self.loss = total / n
        return self.loss

    def backward(self, dout=1):
        n, k = self.y.shape
        dx = np.zeros((n, k))
        for r in range(n):
            for c in range(k):
                dx[r, c] = dout * (self.y[r, c] - self.t[r, c]) / n
        return dx
