"""Correct, with float32 arithmetic where the docstrings allow it: x ± h and the difference
f(x + h) - f(x - h) stay float64 (the docstring demands it), the quotient and the gradient
array are float32; gradient descent's updates are float32, and numerical_gradient is called
on a float64 copy of the float32 point."""
import numpy as np


def numerical_gradient(f, x, h=1e-4):
    grad = np.zeros(x.shape, dtype=np.float32)
    for idx in np.ndindex(x.shape):
        saved = x[idx]
        x[idx] = saved + h
        f_plus = f(x)
        x[idx] = saved - h
        f_minus = f(x)
        x[idx] = saved
        grad[idx] = np.float32(f_plus - f_minus) / np.float32(2 * h)
    return grad.astype(np.float64)


def gradient_descent(f, init_x, lr, steps):
    x = np.asarray(init_x, dtype=np.float32)
    lr = np.float32(lr)
    for _ in range(steps):
        grad = numerical_gradient(f, x.astype(np.float64)).astype(np.float32)
        x = x - lr * grad
    return x.astype(np.float64)
