"""Correct, with loops: one rng.random() draw per unit, in order, and the squares added one by one."""
import numpy as np


def dropout(x, ratio, train, rng):
    x = np.asarray(x)
    out = np.array(x, dtype=float)
    if not train:
        return out
    flat = out.reshape(-1)
    for i in range(flat.size):
        if rng.random() < ratio:
            flat[i] = 0.0
        else:
            flat[i] = flat[i] / (1.0 - ratio)
    return out


def l2_penalty(weights, lam):
    total = 0.0
    for w in weights:
        for value in np.ravel(w):
            total += float(value) * float(value)
    return 0.5 * lam * total
