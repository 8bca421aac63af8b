"""Correct: zero start, samples in their given order, the weighted sum and the update as loops over the inputs."""
import numpy as np


def train_perceptron(X, y, lr, epochs, rng):
    n, d = len(X), len(X[0])
    w = [0.0] * d
    b = 0.0
    for _ in range(epochs):
        mistakes = 0
        for i in range(n):
            total = b
            for j in range(d):
                total += w[j] * X[i][j]
            out = 1 if total > 0 else 0
            if out != y[i]:
                for j in range(d):
                    w[j] += lr * (y[i] - out) * X[i][j]
                b += lr * (y[i] - out)
                mistakes += 1
        if mistakes == 0:
            return np.array(w), b, True
    return np.array(w), b, False

