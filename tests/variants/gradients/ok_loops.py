"""Correct: one flat counter over x's elements (np.unravel_index for the position) and an
element-by-element update loop in gradient descent."""
import numpy as np


def numerical_gradient(f, x, h=1e-4):
    grad = np.zeros(x.shape)
    for i in range(x.size):
        idx = np.unravel_index(i, x.shape)
        old = float(x[idx])
        x[idx] = old + h
        f_plus = f(x)
        x[idx] = old - h
        f_minus = f(x)
        x[idx] = old
        grad[idx] = (f_plus - f_minus) / (2 * h)
    return grad


def gradient_descent(f, init_x, lr, steps):
    x = init_x.astype(float)
    for _ in range(steps):
        grad = numerical_gradient(f, x)
        for idx in np.ndindex(x.shape):
            x[idx] = x[idx] - lr * grad[idx]
    return x
