"""Draws the initial weights and the order from np.random instead of rng: results change run to run."""
import numpy as np

CAUGHT_BY = ["same_seed_same_result"]
MISTAKE = "Your train_perceptron draws the initial weights and the order from np.random instead of rng: use rng.normal(0, 0.01, d) and rng.permutation(len(X))."
PASSES = ["learns_AND", "learns_OR", "XOR_and_XNOR_not_converged", "separable_data_converges_and_separates"]


def train_perceptron(X, y, lr, epochs, rng):
    X = np.asarray(X, dtype=float)
    w = np.random.randn(X.shape[1]) * 0.01
    b = 0.0
    for _ in range(epochs):
        mistakes = 0
        for i in np.random.permutation(len(X)):
            error = y[i] - (1 if X[i] @ w + b > 0 else 0)
            if error:
                w += lr * error * X[i]
                b += lr * error
                mistakes += 1
        if mistakes == 0:
            return w, b, True
    return w, b, False
