"""Correct: one element at a time, with Python's math module, in loops over x.flat."""
import math

import numpy as np


def elementwise(f, x):
    x = np.asarray(x, dtype=float)
    out = np.empty(x.shape)
    for i, v in enumerate(x.flat):
        out.flat[i] = f(float(v))
    return out


def _sigmoid(v):
    e = math.exp(-abs(v))
    return 1 / (1 + e) if v >= 0 else e / (1 + e)


def step(x):
    return elementwise(lambda v: 1.0 if v > 0 else 0.0, x)


def sigmoid(x):
    return elementwise(_sigmoid, x)


def tanh(x):
    return elementwise(math.tanh, x)


def relu(x):
    return elementwise(lambda v: v if v > 0 else 0.0, x)


def leaky_relu(x, alpha=0.01):
    return elementwise(lambda v: v if v > 0 else alpha * v, x)


def identity(x):
    return elementwise(lambda v: v, x)


def sigmoid_grad(x):
    return elementwise(lambda v: _sigmoid(v) * (1 - _sigmoid(v)), x)


def tanh_grad(x):
    return elementwise(lambda v: 1 - math.tanh(v) ** 2, x)


def relu_grad(x):
    return elementwise(lambda v: 1.0 if v > 0 else 0.0, x)


def leaky_relu_grad(x, alpha=0.01):
    return elementwise(lambda v: 1.0 if v > 0 else alpha, x)


def identity_grad(x):
    return elementwise(lambda v: 1.0, x)
