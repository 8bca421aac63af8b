"""Starts with converged = True and clears it on a mistake: with epochs=0 it claims convergence."""
import numpy as np

CAUGHT_BY = ["zero_epochs_not_converged"]
MISTAKE = "Your train_perceptron starts with converged = True, so with epochs=0 it reports convergence: start with converged = False and set it True only after an epoch with no mistakes."
PASSES = ["learns_AND", "learns_OR", "learns_NAND", "XOR_and_XNOR_not_converged",
          "separable_data_converges_and_separates", "contradictory_data_not_converged"]


def train_perceptron(X, y, lr, epochs, rng):
    X = np.asarray(X, dtype=float)
    w = rng.normal(0.0, 0.01, size=X.shape[1])
    b = 0.0
    converged = True
    for _ in range(epochs):
        converged = True
        for i in rng.permutation(len(X)):
            error = y[i] - (1 if X[i] @ w + b > 0 else 0)
            if error:
                w += lr * error * X[i]
                b += lr * error
                converged = False
        if converged:
            break
    return w, b, converged
