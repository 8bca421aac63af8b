"""Correct: the scores are centred on each row's mean, then shifted by the row's max (any
shift leaves softmax unchanged), and normalised with a reciprocal."""
import numpy as np


def softmax(a):
    a = np.asarray(a, dtype=float)
    centred = a - a.mean(axis=-1, keepdims=True)
    e = np.exp(centred - centred.max(axis=-1, keepdims=True))
    return e * (1.0 / e.sum(axis=-1, keepdims=True))
