"""Correct: theta = [b, W] with the design matrix X = [1, x] and grad = X^T (X theta - y) / m."""
import numpy as np


def fit_linear_regression(x, y, lr, epochs):
    X = np.column_stack([np.ones(len(x)), x])
    theta = np.zeros(2)
    for _ in range(epochs):
        theta = theta - lr * X.T @ (X @ theta - y) / len(y)
    return float(theta[1]), float(theta[0])
