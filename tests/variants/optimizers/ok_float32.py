"""Correct, in float32: every optimizer keeps its state in float32 and computes each step from
float32 copies of params and grads, writing the float32 result back into params. The
hyperparameters stay the Python floats they were given, as the module docstring asks."""
import numpy as np

f32 = np.float32


def _step_into(params, key, new):
    params[key][...] = new  # float32 values written into the caller's array


class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            _step_into(params, key, params[key].astype(f32) - self.lr * grads[key].astype(f32))


class Momentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum, self.v = lr, momentum, {}

    def update(self, params, grads):
        for key in params:
            v = self.v.get(key, np.zeros(params[key].shape, f32))
            self.v[key] = self.momentum * v - self.lr * grads[key].astype(f32)
            _step_into(params, key, params[key].astype(f32) + self.v[key])


class Nesterov:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum, self.v = lr, momentum, {}

    def update(self, params, grads):
        for key in params:
            g = grads[key].astype(f32)
            v = self.v.get(key, np.zeros(params[key].shape, f32))
            self.v[key] = self.momentum * v - self.lr * g
            _step_into(params, key, params[key].astype(f32) + self.momentum * self.v[key] - self.lr * g)


class AdaGrad:
    def __init__(self, lr=0.01):
        self.lr, self.h = lr, {}

    def update(self, params, grads):
        for key in params:
            g = grads[key].astype(f32)
            self.h[key] = self.h.get(key, np.zeros(g.shape, f32)) + g * g
            _step_into(params, key, params[key].astype(f32) - self.lr * g / (np.sqrt(self.h[key]) + 1e-8))


class RMSprop:
    def __init__(self, lr=0.01, decay_rate=0.99):
        self.lr, self.decay_rate, self.h = lr, decay_rate, {}

    def update(self, params, grads):
        for key in params:
            g = grads[key].astype(f32)
            h = self.h.get(key, np.zeros(g.shape, f32))
            self.h[key] = self.decay_rate * h + (1 - self.decay_rate) * g * g
            _step_into(params, key, params[key].astype(f32) - self.lr * g / (np.sqrt(self.h[key]) + 1e-8))


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr, self.beta1, self.beta2 = lr, beta1, beta2
        self.t, self.m, self.v = 0, {}, {}

    def update(self, params, grads):
        self.t += 1
        for key in params:
            g = grads[key].astype(f32)
            m = self.m.get(key, np.zeros(g.shape, f32))
            v = self.v.get(key, np.zeros(g.shape, f32))
            self.m[key] = self.beta1 * m + (1 - self.beta1) * g
            self.v[key] = self.beta2 * v + (1 - self.beta2) * g * g
            m_hat = self.m[key] / (1 - self.beta1 ** self.t)
            v_hat = self.v[key] / (1 - self.beta2 ** self.t)
            _step_into(params, key, params[key].astype(f32) - self.lr * m_hat / (np.sqrt(v_hat) + 1e-8))
