"""Correct: one row at a time, one score at a time, with Python's math module."""
import math

import numpy as np


def softmax(a):
    a = np.asarray(a, dtype=float)
    rows = a.reshape(-1, a.shape[-1])
    out = np.empty_like(rows)
    for i in range(rows.shape[0]):
        top = max(rows[i])
        exps = [math.exp(v - top) for v in rows[i]]
        total = sum(exps)
        for k, e in enumerate(exps):
            out[i, k] = e / total
    return out.reshape(a.shape)
