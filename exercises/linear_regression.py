"""Simple linear regression H(x) = Wx + b fitted by batch gradient descent (course notes 000, 6.1-6.3)."""
import numpy as np


def fit_linear_regression(x, y, lr, epochs):
    """Fit H(x) = W*x + b to m points by batch gradient descent on the cost J
    (course notes 000).

        J(W, b) = 1/(2m) * sum_i (H(x_i) - y_i)**2

    W and b both start at 0.0. Each epoch uses all m points once and makes one
    simultaneous update of W and b, both gradients taken at the current (W, b):

        e_i   = W*x_i + b - y_i                 (the error of point i)
        dJ/dW = 1/m * sum_i e_i * x_i
        dJ/db = 1/m * sum_i e_i
        W <- W - lr * dJ/dW
        b <- b - lr * dJ/db

    Args:
        x: float array of shape (m,): the inputs (one feature per point), m >= 1.
            Does not change x.
        y: float array of shape (m,): the targets. Does not change y.
        lr: the learning rate (float > 0).
        epochs: how many updates to make (int >= 0).

    Returns:
        (W, b): a tuple of two floats (Python or numpy floats), the parameters
        after `epochs` updates. With epochs = 0 it is (0.0, 0.0). Computing in
        float32 is fine: the result is compared allowing for float32 rounding.

    Hint: the 1/2 in J cancels the 2 from the square, and the 1/m stays (use the
    mean, not the sum). Compute both gradients from the same errors e before
    changing W: updating W first and then computing b's gradient with the new W
    is a different (and wrong) algorithm.
    """
    # YOUR CODE HERE
    raise NotImplementedError()
