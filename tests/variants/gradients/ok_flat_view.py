"""Correct: a flat view of x stepped with += h / -= 2h / += h, so x is restored only up to
float64 rounding (about 1e-16 of |x| + h), which the docstring allows."""
import numpy as np


def numerical_gradient(f, x, h=1e-4):
    flat = x.reshape(-1)  # a view: changing flat changes x
    grad = np.empty(flat.size)
    for i in range(flat.size):
        flat[i] += h
        f_plus = f(x)
        flat[i] -= 2 * h
        f_minus = f(x)
        flat[i] += h
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad.reshape(x.shape)
