"""Correct, written differently: a uniform draw compared with the keep probability, np.where; vdot for L2."""
import numpy as np


def dropout(x, ratio, train, rng):
    if not train:
        return x
    keep_probability = 1.0 - ratio
    keep = rng.uniform(0.0, 1.0, size=np.shape(x)) < keep_probability
    return np.where(keep, x / keep_probability, 0.0).astype(np.result_type(x, np.float32))


def l2_penalty(weights, lam):
    squares = 0.0
    for w in weights:
        flat = np.ravel(w).astype(np.float64)
        squares += np.vdot(flat, flat)
    return float(lam * squares / 2)
