"""Normalises by the sum of the whole batch instead of each row."""
import numpy as np

CAUGHT_BY = ["rows_sum_to_one", "matches_reference"]


def softmax(a):
    e = np.exp(a - np.max(a))
    return e / np.sum(e)
