"""Same mistake as sequential_update, written another way: a helper computes the errors for the
current (W, b), and W is updated (in place, W -= ...) before the errors for b's gradient are taken,
so b's gradient already sees the new W."""
import numpy as np

CAUGHT_BY = ["first_epoch_by_hand", "matches_reference"]
MISTAKE = "Your fit_linear_regression updates W first and then computes b's gradient with the new W: compute both gradients from the same errors before changing either parameter."
PASSES = ["classic_example", "recovers_planted_line"]


def fit_linear_regression(x, y, lr, epochs):
    def errors(W, b):
        return W * x + b - y

    W = b = 0.0
    for _ in range(epochs):
        W -= lr * (errors(W, b) * x).mean()
        b -= lr * errors(W, b).mean()
    return float(W), float(b)
