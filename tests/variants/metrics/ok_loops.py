"""Correct: counting with loops, TP / FP / FN per class as in seed 001's formulas."""
import numpy as np


def accuracy(y_true, y_pred):
    right = sum(1 for t, p in zip(y_true, y_pred) if t == p)
    return right / len(y_true)


def confusion_matrix(y_true, y_pred, num_classes):
    matrix = np.zeros((num_classes, num_classes), dtype=int)
    for t, p in zip(y_true, y_pred):
        matrix[int(t), int(p)] += 1
    return matrix


def precision(y_true, y_pred, num_classes):
    m = confusion_matrix(y_true, y_pred, num_classes)
    out = np.zeros(num_classes)
    for k in range(num_classes):
        tp, fp = m[k, k], m[:, k].sum() - m[k, k]
        out[k] = tp / (tp + fp) if tp + fp else 0.0
    return out


def recall(y_true, y_pred, num_classes):
    m = confusion_matrix(y_true, y_pred, num_classes)
    out = np.zeros(num_classes)
    for k in range(num_classes):
        tp, fn = m[k, k], m[k, :].sum() - m[k, k]
        out[k] = tp / (tp + fn) if tp + fn else 0.0
    return out
