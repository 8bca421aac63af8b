"""Correct: works in float32 (the rows built as float32 and handed back as the documented
float64; scores compared as float32)."""
import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels).astype(np.int64)
    if np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError("label out of range")
    return np.eye(num_classes, dtype=np.float32)[labels].astype(np.float64)


def from_one_hot(onehot):
    return np.argmax(np.asarray(onehot, dtype=np.float32), axis=1)
