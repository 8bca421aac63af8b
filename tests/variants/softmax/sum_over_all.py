"""Normalises by the sum of the whole batch instead of each row."""
import numpy as np

CAUGHT_BY = ["float32_input", "rows_sum_to_one", "matches_reference"]
MISTAKE = "Your softmax divides by the sum over the whole array instead of each row (and shifts by the global max): use np.max and np.sum with axis=-1 and keepdims=True."


def softmax(a):
    e = np.exp(a - np.max(a))
    return e / np.sum(e)
