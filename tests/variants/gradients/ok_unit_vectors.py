"""Correct: never touches x; each partial derivative steps along a unit vector, f(x + h·e_i)."""
import numpy as np


def numerical_gradient(f, x, h=1e-4):
    grad = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        step = np.zeros(x.shape)
        step[idx] = h
        grad[idx] = (f(x + step) - f(x - step)) / (2 * h)
    return grad
