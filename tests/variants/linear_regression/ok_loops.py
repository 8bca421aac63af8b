"""Correct: plain Python loops over the points (as Python floats), summing and then dividing by m."""


def fit_linear_regression(x, y, lr, epochs):
    m = len(x)
    W = b = 0.0
    for _ in range(epochs):
        sum_W = sum_b = 0.0
        for xi, yi in zip(x.tolist(), y.tolist()):
            e = W * xi + b - yi
            sum_W += e * xi
            sum_b += e
        W, b = W - lr * sum_W / m, b - lr * sum_b / m
    return W, b
