"""Returns converged=True unconditionally, even when the epochs ran out (XOR)."""
import numpy as np

CAUGHT_BY = ["XOR_and_XNOR_not_converged", "contradictory_data_not_converged", "zero_epochs_not_converged"]
MISTAKE = "Your train_perceptron always returns converged=True, even when the epochs run out: return True only after an epoch with no mistakes, and False otherwise."
PASSES = ["learns_AND", "learns_OR", "learns_NAND", "separable_data_converges_and_separates"]


def train_perceptron(X, y, lr, epochs, rng):
    X = np.asarray(X, dtype=float)
    w = rng.normal(0.0, 0.01, size=X.shape[1])
    b = 0.0
    for _ in range(epochs):
        mistakes = 0
        for i in rng.permutation(len(X)):
            error = y[i] - (1 if X[i] @ w + b > 0 else 0)
            if error:
                w += lr * error * X[i]
                b += lr * error
                mistakes += 1
        if mistakes == 0:
            break
    return w, b, True
