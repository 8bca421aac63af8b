"""Softmax: turn a vector of scores into probabilities (course notes 001, 002 and 003)."""
import numpy as np


def softmax(a):
    """Softmax over the last axis, safe from overflow.

    softmax(a)_k = exp(a_k) / sum_i exp(a_i)

    Args:
        a: float array of any shape (..., K): scores (logits), any finite values (the
           checks go up to ±1000); the last axis holds the K classes, every other
           axis is a batch axis. Does not change `a`.

    Returns:
        float array of the same shape: each slice along the last axis (a row) is a
        probability distribution (entries in [0, 1] summing to 1) in which a larger
        score gets a larger probability.

    The course notes' first formula, np.exp(a) / np.sum(np.exp(a)) (the plot in part
    001, the example [0.3, 2.9, 4.0] in part 002), is not enough: exp overflows to inf
    for scores above about 709 (88 in float32), and inf / inf = nan. Part 002 fixes it
    by subtracting c = np.max(a) first, which is right for one vector; in a batch,
    subtract the max of each row, not np.max(a) of the whole array: a row 1000 below
    the largest score of the batch would give exp(-1000) = 0 everywhere, and 0 / 0 = nan.

    Hint: softmax(a) = softmax(a - c) for any constant c, so subtract each row's
    largest score: np.max(a, axis=-1, keepdims=True) (keepdims=True so it broadcasts
    over the row), and sum over axis=-1 with keepdims=True as well.
    """
    # YOUR CODE HERE
    raise NotImplementedError()
