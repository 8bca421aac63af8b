"""Correct: computes in float32 (X, the weights and the learning rate cast inside), returns float64 weights."""
import numpy as np


def train_perceptron(X, y, lr, epochs, rng):
    X = np.asarray(X, dtype=np.float32)
    lr = np.float32(lr)
    w = rng.normal(0.0, 0.01, size=X.shape[1]).astype(np.float32)
    b = np.float32(0.0)
    for _ in range(epochs):
        mistakes = 0
        for i in rng.permutation(len(X)):
            error = np.float32(y[i] - (1 if X[i] @ w + b > 0 else 0))
            if error:
                w += lr * error * X[i]
                b += lr * error
                mistakes += 1
        if mistakes == 0:
            return w.astype(np.float64), float(b), True
    return w.astype(np.float64), float(b), False
