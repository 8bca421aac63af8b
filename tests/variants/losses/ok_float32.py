"""Correct, in float32: every input cast to float32 and every formula computed there (the docstrings allow it)."""
import numpy as np

F32_EPS = np.float32(1e-7)


def mean_squared_error(y, t):
    y, t = np.asarray(y, dtype=np.float32), np.asarray(t, dtype=np.float32)
    batch_size = np.float32(y.shape[0] if y.ndim == 2 else 1)
    return np.float32(0.5) * np.sum((y - t) ** 2) / batch_size


def cross_entropy_error(y, t):
    y, t = np.asarray(y, dtype=np.float32), np.asarray(t)
    if y.ndim == 1:
        y, t = y[np.newaxis, :], t[np.newaxis, ...]
    n = y.shape[0]
    if t.shape == y.shape:
        return -np.sum(t.astype(np.float32) * np.log(y + F32_EPS)) / np.float32(n)
    return -np.sum(np.log(y[np.arange(n), t] + F32_EPS)) / np.float32(n)


def binary_cross_entropy(p, t):
    p, t = np.asarray(p, dtype=np.float32), np.asarray(t, dtype=np.float32)
    one = np.float32(1)
    return -np.mean(t * np.log(p + F32_EPS) + (one - t) * np.log(one - p + F32_EPS))


def entropy_bits(p):
    p = np.asarray(p, dtype=np.float32)
    safe = np.where(p > 0, p, np.float32(1))
    return -np.sum(p * np.log2(safe), axis=-1)


def cross_entropy_bits(p, q):
    p, q = np.asarray(p, dtype=np.float32), np.asarray(q, dtype=np.float32)
    safe = np.where(p > 0, q, np.float32(1))
    with np.errstate(divide="ignore"):
        return np.sum(np.where(p > 0, -p * np.log2(safe), np.float32(0)), axis=-1)
