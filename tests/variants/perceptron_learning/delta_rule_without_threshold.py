"""Takes the error against the raw sum w·x + b (the delta rule) instead of the 0/1 output:
the weights drift to a least-squares fit, which misclassifies AND."""
import numpy as np

CAUGHT_BY = ["learns_AND", "learns_OR", "learns_NAND", "separable_data_converges_and_separates"]
MISTAKE = "Your train_perceptron takes the error against the raw sum X[i] @ w + b instead of the 0/1 output: use error = t - (1 if X[i] @ w + b > 0 else 0)."


def train_perceptron(X, y, lr, epochs, rng):
    X = np.asarray(X, dtype=float)
    w = rng.normal(0.0, 0.01, size=X.shape[1])
    b = 0.0
    for _ in range(epochs):
        mistakes = 0
        for i in rng.permutation(len(X)):
            mistakes += int((X[i] @ w + b > 0) != y[i])
            error = y[i] - (X[i] @ w + b)
            w += lr * error * X[i]
            b += lr * error
        if mistakes == 0:
            return w, b, True
    return w, b, False
