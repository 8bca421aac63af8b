"""Correct, with loops over samples and classes instead of vectorised numpy (math.log, plain sums)."""
import math

import numpy as np


def mean_squared_error(y, t):
    y, t = np.asarray(y, dtype=float), np.asarray(t, dtype=float)
    rows_y, rows_t = (y, t) if y.ndim == 2 else ([y], [t])
    total = 0.0
    for row_y, row_t in zip(rows_y, rows_t):
        for a, b in zip(row_y, row_t):
            total += 0.5 * (a - b) ** 2
    return total / len(rows_y)


def cross_entropy_error(y, t):
    y, t = np.asarray(y, dtype=float), np.asarray(t)
    rows, targets = (y, t) if y.ndim == 2 else ([y], [t])
    total = 0.0
    for row, target in zip(rows, targets):
        if np.ndim(target) == 0:
            total -= math.log(row[int(target)] + 1e-7)
        else:
            for prob, weight in zip(row, target):
                total -= weight * math.log(prob + 1e-7)
    return total / len(rows)


def binary_cross_entropy(p, t):
    total, count = 0.0, 0
    for prob, target in zip(np.ravel(p), np.ravel(t)):
        total -= target * math.log(prob + 1e-7) + (1 - target) * math.log(1 - prob + 1e-7)
        count += 1
    return total / count


def entropy_bits(p):
    return cross_entropy_bits(p, p)


def cross_entropy_bits(p, q):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    flat_p, flat_q = p.reshape(-1, p.shape[-1]), q.reshape(-1, q.shape[-1])
    out = []
    for row_p, row_q in zip(flat_p, flat_q):
        bits = 0.0
        for a, b in zip(row_p, row_q):
            if a > 0:
                bits += a * math.log2(1 / b) if b > 0 else math.inf
        out.append(bits)
    return out[0] if p.ndim == 1 else np.array(out).reshape(p.shape[:-1])
