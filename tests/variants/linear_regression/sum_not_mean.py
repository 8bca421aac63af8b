"""Forgets the 1/m: sums the errors, so each step is m times too large (and diverges for large m)."""
import numpy as np

CAUGHT_BY = ["first_epoch_by_hand", "recovers_planted_line", "cost_never_rises", "matches_reference"]
MISTAKE = "Your fit_linear_regression sums the errors instead of averaging them, so each step is m times too large: use np.mean (the 1/m) for both gradients."


def fit_linear_regression(x, y, lr, epochs):
    W, b = 0.0, 0.0
    for _ in range(epochs):
        error = W * x + b - y
        grad_W = np.sum(error * x)
        grad_b = np.sum(error)
        W, b = W - lr * grad_W, b - lr * grad_b
    return float(W), float(b)
