"""exp(-a) instead of exp(a) (a sign slip copied from the sigmoid): the largest score gets the smallest share."""
import numpy as np

CAUGHT_BY = ["order_preserved", "seed_example_small", "matches_reference"]
PASSES = ["rows_sum_to_one", "shift_invariance"]


def softmax(a):
    a = -np.asarray(a, dtype=float)
    e = np.exp(a - np.max(a, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)
