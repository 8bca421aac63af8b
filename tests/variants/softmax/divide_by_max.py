"""Scales the scores by their max instead of subtracting it: no overflow, but no longer softmax."""
import numpy as np

CAUGHT_BY = ["shift_invariance", "seed_example_small", "matches_reference"]


def softmax(a):
    a = np.asarray(a, dtype=float)
    scale = np.max(np.abs(a), axis=-1, keepdims=True)
    e = np.exp(a / np.where(scale == 0, 1.0, scale))
    return e / np.sum(e, axis=-1, keepdims=True)
