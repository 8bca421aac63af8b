"""Starts from w = 0, b = 0 and fires when w·x + b >= 0 (course notes 001's formula with ≥): on the
TRUE table nothing is ever wrong, so it reports converged=True with w = 0, b = 0, a unit that
fires nowhere (w·x + b > 0 never holds)."""
import numpy as np

CAUGHT_BY = ["learns_every_linearly_separable_table", "separable_data_converges_and_separates",
             "contradictory_data_not_converged"]
MISTAKE = "Your train_perceptron fires when X[i] @ w + b >= 0, so from w = 0, b = 0 it can report convergence without learning: fire only when X[i] @ w + b > 0."
PASSES = ["learns_AND", "learns_OR", "learns_NAND", "XOR_and_XNOR_not_converged", "same_seed_same_result"]


def train_perceptron(X, y, lr, epochs, rng):
    X = np.asarray(X, dtype=float)
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(epochs):
        mistakes = 0
        for i in rng.permutation(len(X)):
            error = y[i] - (1 if X[i] @ w + b >= 0 else 0)
            if error:
                w += lr * error * X[i]
                b += lr * error
                mistakes += 1
        if mistakes == 0:
            return w, b, True
    return w, b, False
