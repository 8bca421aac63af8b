"""Correct: the matrix by np.bincount of y_true * C + y_pred; precision and recall without calling it."""
import numpy as np


def accuracy(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    return np.count_nonzero(y_true == y_pred) / y_true.size


def confusion_matrix(y_true, y_pred, num_classes):
    flat = np.asarray(y_true, dtype=np.int64) * num_classes + np.asarray(y_pred, dtype=np.int64)
    return np.bincount(flat, minlength=num_classes * num_classes).reshape(num_classes, num_classes)


def _per_class(y_true, y_pred, num_classes, by):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    hits = np.bincount(y_true[y_true == y_pred], minlength=num_classes).astype(float)
    totals = np.bincount(by, minlength=num_classes)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(totals > 0, hits / totals, 0.0)


def precision(y_true, y_pred, num_classes):
    return _per_class(y_true, y_pred, num_classes, np.asarray(y_pred))


def recall(y_true, y_pred, num_classes):
    return _per_class(y_true, y_pred, num_classes, np.asarray(y_true))
