"""Correct, in float32: x, y, W and b are float32 and every epoch is computed in float32."""
import numpy as np


def fit_linear_regression(x, y, lr, epochs):
    x = np.asarray(x, dtype=np.float32)
    y = np.asarray(y, dtype=np.float32)
    lr = np.float32(lr)
    W, b = np.float32(0.0), np.float32(0.0)
    for _ in range(epochs):
        error = W * x + b - y
        W, b = W - lr * np.mean(error * x), b - lr * np.mean(error)
    return W, b
