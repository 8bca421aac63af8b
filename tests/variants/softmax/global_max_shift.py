"""Shifts by the max of the whole batch: rows far below it underflow to 0/0."""
import numpy as np

CAUGHT_BY = ["matches_reference"]


def softmax(a):
    e = np.exp(a - np.max(a))
    return e / np.sum(e, axis=-1, keepdims=True)
