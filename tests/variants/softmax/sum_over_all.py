"""Normalises by the sum of the whole batch instead of each row."""
import numpy as np

CAUGHT_BY = ["float32_input", "rows_sum_to_one", "matches_reference"]


def softmax(a):
    e = np.exp(a - np.max(a))
    return e / np.sum(e)
