"""Course notes 001's single-layer model ("XOR 게이트 - 단층 퍼셉트론 구현하기": nn.Linear(2, 1) and
nn.Sigmoid, BCELoss, SGD, full batch) in place of the perceptron rule: with lr=0.1 it has not
classified AND right after 100 steps, so it reports converged=False on tables the perceptron
rule learns in a few epochs.

Adapted to the kit's API without changing the math: numpy instead of torch (nn.Linear's default
initialisation U(-1/sqrt(d), 1/sqrt(d)) drawn from rng, the sigmoid, the mean binary
cross-entropy's gradient (h - t) / n, one SGD step per epoch); the notes' prediction
(prediction > 0.5, i.e. w·x + b > 0) checked before each step to report convergence, as the
kit's contract asks.
"""
import numpy as np

CAUGHT_BY = ["learns_AND", "learns_OR", "learns_NAND", "learns_every_linearly_separable_table",
             "learns_three_input_AND", "integer_inputs"]
MISTAKE = "Your train_perceptron runs gradient descent on a sigmoid's cross-entropy instead of the perceptron rule: per sample, w += lr * (t - out) * x and b += lr * (t - out) with 0/1 out."


def train_perceptron(X, y, lr, epochs, rng):
    X = np.asarray(X, dtype=float)
    t = np.asarray(y, dtype=float)
    d = X.shape[1]
    bound = 1 / np.sqrt(d)
    w = rng.uniform(-bound, bound, d)
    b = float(rng.uniform(-bound, bound))
    for step in range(epochs):
        if np.all((X @ w + b > 0) == (t == 1)):
            return w, b, True
        hypothesis = 1 / (1 + np.exp(-(X @ w + b)))
        grad = (hypothesis - t) / len(X)  # d(mean BCE)/dz
        w = w - lr * X.T @ grad
        b = b - lr * grad.sum()
    return w, b, False
