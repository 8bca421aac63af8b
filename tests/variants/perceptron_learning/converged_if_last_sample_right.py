"""Decides convergence from the last sample of the epoch only, not from the whole epoch."""
import numpy as np

CAUGHT_BY = ["XOR_and_XNOR_not_converged", "contradictory_data_not_converged"]
MISTAKE = "Your train_perceptron decides convergence from the last sample of the epoch only: count the mistakes of the whole epoch and stop only when there were none."


def train_perceptron(X, y, lr, epochs, rng):
    X = np.asarray(X, dtype=float)
    w = rng.normal(0.0, 0.01, size=X.shape[1])
    b = 0.0
    for _ in range(epochs):
        for i in rng.permutation(len(X)):
            error = y[i] - (1 if X[i] @ w + b > 0 else 0)
            w += lr * error * X[i]
            b += lr * error
        if error == 0:
            return w, b, True
    return w, b, False
