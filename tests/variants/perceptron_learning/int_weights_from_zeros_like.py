"""Starts from w = np.zeros_like(X[0]): for an int X, w is an int array and the float updates fail."""
import numpy as np

CAUGHT_BY = ["integer_inputs"]
MISTAKE = "Your train_perceptron starts from w = np.zeros_like(X[0]), an int array when X holds ints, so the float updates fail: start from a float array, e.g. np.zeros(X.shape[1])."
PASSES = ["learns_AND", "learns_OR", "learns_NAND", "XOR_and_XNOR_not_converged", "same_seed_same_result",
          "separable_data_converges_and_separates"]


def train_perceptron(X, y, lr, epochs, rng):
    w = np.zeros_like(X[0])
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
