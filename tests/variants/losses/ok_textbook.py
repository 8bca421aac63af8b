"""Correct, in other words: the textbook's argmax trick for one-hot targets, log2 as log / log 2, masks."""
import numpy as np


def mean_squared_error(y, t):
    diff = np.atleast_2d(np.asarray(y, dtype=float) - np.asarray(t, dtype=float))
    per_sample = 0.5 * np.sum(diff.reshape(diff.shape[0], -1) ** 2, axis=1)
    return float(np.mean(per_sample))


def cross_entropy_error(y, t):
    y = np.asarray(y, dtype=float)
    t = np.asarray(t)
    if y.ndim == 1:
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)
    if t.size == y.size:  # one-hot: turn it into label indices
        t = t.argmax(axis=1)
    batch_size = y.shape[0]
    return float(-np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size)


def binary_cross_entropy(p, t):
    p, t = np.asarray(p, dtype=float), np.asarray(t, dtype=float)
    p_of_truth = np.where(t == 1, p, 1 - p)
    return float(-np.mean(np.log(p_of_truth + 1e-7)))


def entropy_bits(p):
    return cross_entropy_bits(p, p)


def cross_entropy_bits(p, q):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    total = np.zeros(p.shape[:-1])
    for i in range(p.shape[-1]):
        p_i, q_i = p[..., i], q[..., i]
        counted = p_i > 0
        total = total + np.where(counted, p_i, 0.0) * -np.log(np.where(counted, q_i, 1.0)) / np.log(2)
    return total if total.ndim else float(total)
