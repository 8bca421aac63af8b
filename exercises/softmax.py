"""Softmax: turn a vector of scores into probabilities (seeds 002 and 003)."""
import numpy as np


def softmax(a):
    """Softmax over the last axis, safe from overflow.

    softmax(a)_k = exp(a_k) / sum_i exp(a_i)

    Args:
        a: float array of any shape (..., K): scores (logits); the last axis holds
           the K classes, every other axis is a batch axis.

    Returns:
        float64 array of the same shape: non-negative, each slice along the last
        axis sums to 1, and the order of the scores is preserved.

    Hint: exp(1010) overflows to inf. Subtracting the largest score of each row
    first (a - max(a)) gives the same result, because softmax(a) = softmax(a - c)
    for any constant c. Use keepdims=True so the max broadcasts over each row.
    """
    # YOUR CODE HERE
    raise NotImplementedError()
