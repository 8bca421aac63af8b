"""Shuffles each epoch with np.random.permutation instead of rng.permutation (zero start): the
weights learned depend on numpy's global random state, not on the seed of rng."""
import numpy as np

CAUGHT_BY = ["same_seed_same_result"]
MISTAKE = "Your train_perceptron shuffles each epoch with np.random.permutation, so the result depends on numpy's global random state: use rng.permutation(len(X))."
PASSES = ["learns_AND", "learns_OR", "learns_NAND", "learns_every_linearly_separable_table",
          "XOR_and_XNOR_not_converged", "separable_data_converges_and_separates"]


def train_perceptron(X, y, lr, epochs, rng):
    X = np.asarray(X, dtype=float)
    w = np.zeros(X.shape[1])
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
