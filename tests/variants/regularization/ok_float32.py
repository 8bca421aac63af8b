"""Correct, in float32: the mask drawn as float32 uniforms and the kept units scaled in float32; the squares of
the L2 penalty summed in float32."""
import numpy as np


def dropout(x, ratio, train, rng):
    if not train:
        return np.array(x)
    x32 = np.asarray(x, dtype=np.float32)
    keep = rng.random(x32.shape, dtype=np.float32) >= np.float32(ratio)
    return x32 * keep / np.float32(1.0 - ratio)


def l2_penalty(weights, lam):
    total = np.float32(0)
    for w in weights:
        w32 = np.asarray(w, dtype=np.float32)
        total += np.sum(w32 * w32)
    return np.float32(0.5) * np.float32(lam) * total
