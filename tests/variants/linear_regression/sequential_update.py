"""Updates W first, then computes b's gradient with the new W (not a simultaneous update)."""
import numpy as np

CAUGHT_BY = ["first_epoch_by_hand", "matches_reference"]
PASSES = ["classic_example", "recovers_planted_line"]


def fit_linear_regression(x, y, lr, epochs):
    W, b = 0.0, 0.0
    for _ in range(epochs):
        W = W - lr * np.mean((W * x + b - y) * x)
        b = b - lr * np.mean(W * x + b - y)
    return float(W), float(b)
