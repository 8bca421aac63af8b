"""Decides convergence from the sum of the epoch's errors (t - out): a false positive (-1) and a
false negative (+1) cancel, so it can stop with converged=True on an epoch full of mistakes."""
import numpy as np

CAUGHT_BY = ["learns_AND", "XOR_and_XNOR_not_converged"]
MISTAKE = "Your train_perceptron sums the epoch's errors (t - out), so a +1 and a -1 cancel: count the mistakes (error != 0) and stop only when there were none."


def train_perceptron(X, y, lr, epochs, rng):
    X = np.asarray(X, dtype=float)
    w = rng.normal(0.0, 0.01, size=X.shape[1])
    b = 0.0
    for _ in range(epochs):
        total_error = 0
        for i in rng.permutation(len(X)):
            error = y[i] - (1 if X[i] @ w + b > 0 else 0)
            w += lr * error * X[i]
            b += lr * error
            total_error += error
        if total_error == 0:
            return w, b, True
    return w, b, False
