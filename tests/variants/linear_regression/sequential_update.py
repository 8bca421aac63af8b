"""Updates W first, then computes b's gradient with the new W (not a simultaneous update)."""
import numpy as np

CAUGHT_BY = ["first_epoch_by_hand", "matches_reference"]
MISTAKE = "Your fit_linear_regression updates W first and then computes b's gradient with the new W: compute both gradients from the same errors before changing either parameter."
PASSES = ["classic_example", "recovers_planted_line"]


def fit_linear_regression(x, y, lr, epochs):
    W, b = 0.0, 0.0
    for _ in range(epochs):
        W = W - lr * np.mean((W * x + b - y) * x)
        b = b - lr * np.mean(W * x + b - y)
    return float(W), float(b)
