"""Copy-paste slip: b is updated with W's gradient mean(e * x) instead of mean(e)."""
import numpy as np

CAUGHT_BY = ["first_epoch_by_hand", "classic_example", "recovers_planted_line", "matches_reference"]
MISTAKE = "Your fit_linear_regression updates b with W's gradient mean(e * x) instead of its own gradient mean(e): use b = b - lr * np.mean(error)."


def fit_linear_regression(x, y, lr, epochs):
    W, b = 0.0, 0.0
    for _ in range(epochs):
        error = W * x + b - y
        grad_W = np.mean(error * x)
        W = W - lr * grad_W
        b = b - lr * grad_W
    return float(W), float(b)
