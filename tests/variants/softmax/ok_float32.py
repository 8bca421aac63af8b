"""Correct: computes in float32 (the scores cast to float32 first) and returns float32."""
import numpy as np


def softmax(a):
    a = np.asarray(a, dtype=np.float32)
    e = np.exp(a - np.max(a, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)
