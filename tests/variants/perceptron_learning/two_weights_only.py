"""Hard-codes two inputs (w = rng.normal(size=2)), as for the gates: fails for any other d."""
import numpy as np

CAUGHT_BY = ["learns_three_input_AND", "separable_data_converges_and_separates"]
MISTAKE = "Your train_perceptron hard-codes two weights (size=2), so it fails for any other number of inputs: draw X.shape[1] weights."
PASSES = ["learns_AND", "learns_OR", "learns_NAND", "XOR_and_XNOR_not_converged"]


def train_perceptron(X, y, lr, epochs, rng):
    X = np.asarray(X, dtype=float)
    w = rng.normal(0.0, 0.01, size=2)
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
            return w, b, True
    return w, b, False
