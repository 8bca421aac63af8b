"""Starts W and b at random values (as for a network's weights), not at 0 as documented."""
import numpy as np

CAUGHT_BY = ["first_epoch_by_hand", "cost_never_rises", "matches_reference"]
MISTAKE = "Your fit_linear_regression starts W and b at random values instead of 0.0: initialise W, b = 0.0, 0.0."
PASSES = ["classic_example", "recovers_planted_line"]


def fit_linear_regression(x, y, lr, epochs):
    W, b = np.random.randn(2)
    for _ in range(epochs):
        error = W * x + b - y
        W, b = W - lr * np.mean(error * x), b - lr * np.mean(error)
    return float(W), float(b)
