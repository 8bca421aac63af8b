"""What the linear_regression task's public and hidden suites share (the hidden suite never imports the public one)."""
import numpy as np

from graders.testing.expect import tolerance


def descent_path(x: np.ndarray, y: np.ndarray, lr: float, epochs: int) -> np.ndarray:
    """(W, b) after 0, 1, ..., epochs epochs of the docstring's update, in float64: shape (epochs + 1, 2)."""
    path = np.zeros((epochs + 1, 2))
    W = b = 0.0
    for n in range(1, epochs + 1):
        error = W * x + b - y
        W, b = W - lr * np.mean(error * x), b - lr * np.mean(error)
        path[n] = W, b
    return path


def path_tolerance(x: np.ndarray, y: np.ndarray, lr: float, path: np.ndarray):
    """What float32 rounding may cost (W, b) after len(path) - 1 epochs.

    With lr·(largest curvature) <= 2 an epoch does not amplify earlier errors, so they add up:
    per epoch one rounding of W and b, and a gradient that is a sum of m terms e_i·x_i, where
    e_i = W·x_i + b - y_i is rounded relative to |W·x_i| + |b| + |y_i| (near 0 by cancellation
    once the line fits).
    """
    epochs, m = len(path) - 1, len(x)
    reach = np.max(np.abs(path), axis=0)
    terms = (reach[0] * np.abs(x) + reach[1] + np.abs(y)) * np.maximum(1.0, np.abs(x))
    return tolerance(steps=epochs * m + 1, scale=float(np.max(reach) + lr * np.max(terms, initial=0.0)))
