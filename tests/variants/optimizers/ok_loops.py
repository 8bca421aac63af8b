"""Correct: every optimizer updates one weight at a time (np.ndindex over each array), with
Python floats for the scalar arithmetic."""
import math

import numpy as np


class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            w, g = params[key], grads[key]
            for i in np.ndindex(w.shape):
                w[i] = w[i] - self.lr * g[i]


class Momentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum, self.v = lr, momentum, {}

    def update(self, params, grads):
        for key in params:
            w, g = params[key], grads[key]
            v = self.v.setdefault(key, np.zeros(w.shape))
            for i in np.ndindex(w.shape):
                v[i] = self.momentum * v[i] - self.lr * g[i]
                w[i] = w[i] + v[i]


class Nesterov:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum, self.v = lr, momentum, {}

    def update(self, params, grads):
        for key in params:
            w, g = params[key], grads[key]
            v = self.v.setdefault(key, np.zeros(w.shape))
            for i in np.ndindex(w.shape):
                v[i] = self.momentum * v[i] - self.lr * g[i]
                w[i] = w[i] + self.momentum * v[i] - self.lr * g[i]


class AdaGrad:
    def __init__(self, lr=0.01):
        self.lr, self.h = lr, {}

    def update(self, params, grads):
        for key in params:
            w, g = params[key], grads[key]
            h = self.h.setdefault(key, np.zeros(w.shape))
            for i in np.ndindex(w.shape):
                gi = float(g[i])
                h[i] = h[i] + gi * gi
                w[i] = w[i] - self.lr * gi / (math.sqrt(h[i]) + 1e-8)


class RMSprop:
    def __init__(self, lr=0.01, decay_rate=0.99):
        self.lr, self.decay_rate, self.h = lr, decay_rate, {}

    def update(self, params, grads):
        for key in params:
            w, g = params[key], grads[key]
            h = self.h.setdefault(key, np.zeros(w.shape))
            for i in np.ndindex(w.shape):
                gi = float(g[i])
                h[i] = self.decay_rate * h[i] + (1 - self.decay_rate) * gi * gi
                w[i] = w[i] - self.lr * gi / (math.sqrt(h[i]) + 1e-8)


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr, self.beta1, self.beta2 = lr, beta1, beta2
        self.t, self.m, self.v = 0, {}, {}

    def update(self, params, grads):
        self.t += 1
        c1, c2 = 1 - self.beta1 ** self.t, 1 - self.beta2 ** self.t
        for key in params:
            w, g = params[key], grads[key]
            m = self.m.setdefault(key, np.zeros(w.shape))
            v = self.v.setdefault(key, np.zeros(w.shape))
            for i in np.ndindex(w.shape):
                gi = float(g[i])
                m[i] = self.beta1 * m[i] + (1 - self.beta1) * gi
                v[i] = self.beta2 * v[i] + (1 - self.beta2) * gi * gi
                w[i] = w[i] - self.lr * (m[i] / c1) / (math.sqrt(v[i] / c2) + 1e-8)
