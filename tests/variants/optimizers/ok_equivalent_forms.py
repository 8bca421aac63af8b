"""Correct, in other textbook forms: PyTorch-style momentum buffers, CS231n's Nesterov,
Adam with lr_t and eps scaled by sqrt(1 - beta2**t), and a per-key step counter."""
import numpy as np


class Momentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum, self.buf = lr, momentum, {}

    def update(self, params, grads):
        for key, g in grads.items():
            self.buf[key] = self.momentum * self.buf.get(key, 0.0) + g
            params[key] -= self.lr * self.buf[key]


class Nesterov:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum, self.v = lr, momentum, {}

    def update(self, params, grads):
        for key in params:
            v_prev = self.v.get(key, np.zeros_like(params[key]))
            self.v[key] = self.momentum * v_prev - self.lr * grads[key]
            params[key] += -self.momentum * v_prev + (1 + self.momentum) * self.v[key]


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr, self.beta1, self.beta2 = lr, beta1, beta2
        self.state = {}

    def update(self, params, grads):
        for key in params:
            t, m, v = self.state.get(key, (0, 0.0, 0.0))
            t += 1
            m = self.beta1 * m + (1 - self.beta1) * grads[key]
            v = self.beta2 * v + (1 - self.beta2) * grads[key] ** 2
            self.state[key] = (t, m, v)
            correction = np.sqrt(1 - self.beta2**t)
            lr_t = self.lr * correction / (1 - self.beta1**t)
            params[key] -= lr_t * m / (np.sqrt(v) + 1e-8 * correction)
