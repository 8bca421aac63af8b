"""Correct: exp(a - logsumexp(a)) computed stably."""
import numpy as np


def softmax(a):
    a = np.asarray(a, dtype=float)
    m = a.max(axis=-1, keepdims=True)
    lse = m + np.log(np.exp(a - m).sum(axis=-1, keepdims=True))
    return np.exp(a - lse)
