"""Correct: the bias as weight 0 on a column of ones, zero start, per-epoch order from rng.permutation."""
import numpy as np


def train_perceptron(X, y, lr, epochs, rng):
    Xa = np.hstack([np.ones((len(X), 1)), np.asarray(X, dtype=float)])
    theta = np.zeros(Xa.shape[1])
    for _ in range(epochs):
        order = rng.permutation(len(Xa))
        mistakes = 0
        for x, t in zip(Xa[order], np.asarray(y)[order]):
            out = int(x @ theta > 0)
            if out != t:
                theta += lr * (t - out) * x
                mistakes += 1
        if not mistakes:
            return theta[1:], theta[0], True
    return theta[1:], theta[0], False
