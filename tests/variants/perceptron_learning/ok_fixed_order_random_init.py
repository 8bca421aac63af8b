"""Correct: rng.uniform start, samples in their given order, a bool flag per epoch."""
import numpy as np


def train_perceptron(X, y, lr, epochs, rng):
    X = np.asarray(X, dtype=np.float64)
    w = rng.uniform(-0.05, 0.05, X.shape[1])
    b = float(rng.uniform(-0.05, 0.05))
    converged = False
    epoch = 0
    while epoch < epochs and not converged:
        converged = True
        for x, t in zip(X, y):
            out = 1 if np.dot(w, x) + b > 0 else 0
            if out != t:
                w = w + lr * (t - out) * x
                b = b + lr * (t - out)
                converged = False
        epoch += 1
    return w, b, bool(converged)
