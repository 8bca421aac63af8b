"""Correct: plain Python loops, list input handled by iterating."""
import numpy as np


def one_hot(labels, num_classes):
    rows = []
    for label in labels:
        if not 0 <= label < num_classes:
            raise ValueError(f"label {label} is not in 0..{num_classes - 1}")
        row = [0.0] * num_classes
        row[int(label)] = 1.0
        rows.append(row)
    return np.array(rows, dtype=np.float64).reshape(len(rows), num_classes)


def from_one_hot(onehot):
    return np.array([int(np.argmax(row)) for row in onehot], dtype=np.int64)
