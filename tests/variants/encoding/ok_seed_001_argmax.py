"""Correct: the course notes, part 001, turn the MLP's outputs into predicted classes with
`torch.argmax(y_hat, dim=-1)`; the same in numpy, over the last axis (the class axis of
(n, C) rows). one_hot with a comparison against the class indices, after the range check."""
import numpy as np


def one_hot(labels, num_classes):
    labels = np.asarray(labels)
    if np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError("label out of range")
    return (labels[:, None] == np.arange(num_classes)).astype(np.float64)


def from_one_hot(onehot):
    return np.argmax(np.asarray(onehot), axis=-1)
