"""Correct: rows of the identity matrix, np.eye(C)[labels], once the labels are checked."""
import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels, dtype=int)
    if labels.size and (labels.min() < 0 or labels.max() >= num_classes):
        raise ValueError(f"labels must lie in 0..{num_classes - 1}")
    return np.eye(num_classes)[labels].reshape(labels.size, num_classes)
