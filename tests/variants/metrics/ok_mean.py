"""Correct: accuracy as np.mean (a numpy float), precision and recall with np.errstate and np.where."""
import numpy as np


def accuracy(y_true, y_pred):
    return np.mean(np.asarray(y_true) == np.asarray(y_pred))


def precision(y_true, y_pred, num_classes):
    m = confusion_matrix(y_true, y_pred, num_classes)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(m.sum(axis=0) > 0, np.diag(m) / m.sum(axis=0), 0.0)


def recall(y_true, y_pred, num_classes):
    m = confusion_matrix(y_true, y_pred, num_classes)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(m.sum(axis=1) > 0, np.diag(m) / m.sum(axis=1), 0.0)
