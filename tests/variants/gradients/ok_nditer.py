"""Correct: the textbook's np.nditer loop over multi_index; gradient_descent rebinding x each step."""
import numpy as np


def numerical_gradient(f, x, h=1e-4):
    grad = np.zeros_like(x, dtype=float)
    it = np.nditer(x, flags=["multi_index"], op_flags=[["readwrite"]])
    while not it.finished:
        idx = it.multi_index
        tmp_val = float(x[idx])
        x[idx] = tmp_val + h
        fxh1 = f(x)
        x[idx] = tmp_val - h
        fxh2 = f(x)
        grad[idx] = (fxh1 - fxh2) / (2 * h)
        x[idx] = tmp_val
        it.iternext()
    return grad


def gradient_descent(f, init_x, lr, steps):
    x = init_x.copy()
    for _ in range(steps):
        grad = numerical_gradient(f, x)
        x = x - lr * grad
    return x
