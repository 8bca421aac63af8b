"""Updates w but forgets b: the boundary stays through the origin, so AND and NAND cannot be learned."""
import numpy as np

CAUGHT_BY = ["learns_AND", "learns_NAND", "learns_every_linearly_separable_table", "learns_three_input_AND"]
MISTAKE = "Your train_perceptron never updates the bias b, so the boundary stays through the origin: add b += lr * (t - out) next to the update of w."
PASSES = ["learns_OR", "XOR_and_XNOR_not_converged"]


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
                mistakes += 1
        if mistakes == 0:
            return w, b, True
    return w, b, False
