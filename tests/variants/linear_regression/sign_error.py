"""Adds the gradient (W += lr * dJ/dW): the cost grows every epoch."""
import numpy as np

CAUGHT_BY = ["first_epoch_by_hand", "classic_example", "recovers_planted_line", "cost_never_rises",
             "matches_reference"]
MISTAKE = "Your fit_linear_regression adds the gradients (W + lr * dJ/dW), so the cost grows every epoch: subtract them, W - lr * dJ/dW and b - lr * dJ/db."


def fit_linear_regression(x, y, lr, epochs):
    W, b = 0.0, 0.0
    for _ in range(epochs):
        error = W * x + b - y
        W, b = W + lr * np.mean(error * x), b + lr * np.mean(error)
    return float(W), float(b)
