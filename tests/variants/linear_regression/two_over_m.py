"""Differentiates mean((h - y)^2) instead of J = 1/(2m) Σ (h - y)^2: gradients 2/m, twice too large."""
import numpy as np

CAUGHT_BY = ["first_epoch_by_hand", "matches_reference"]
MISTAKE = "Your fit_linear_regression multiplies both gradients by 2, but the 1/2 in J cancels that 2: use dJ/dW = mean(e * x) and dJ/db = mean(e)."
PASSES = ["classic_example", "recovers_planted_line"]


def fit_linear_regression(x, y, lr, epochs):
    W, b = 0.0, 0.0
    for _ in range(epochs):
        error = W * x + b - y
        W, b = W - lr * 2 * np.mean(error * x), b - lr * 2 * np.mean(error)
    return float(W), float(b)
