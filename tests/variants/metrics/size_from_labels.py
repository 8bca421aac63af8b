"""Sizes the matrix from the largest label seen instead of num_classes."""
import numpy as np

CAUGHT_BY = ["confusion_matrix_known_tables", "zero_division_gives_zero", "confusion_matrix_matches_reference"]
MISTAKE = "Your confusion_matrix sizes the matrix from the largest label seen instead of num_classes: always make it (num_classes, num_classes)."
PASSES = ["confusion_matrix_binary_example", "precision_known_tables", "recall_known_tables"]


def confusion_matrix(y_true, y_pred, num_classes):
    size = int(max(np.max(y_true), np.max(y_pred))) + 1
    matrix = np.zeros((size, size), dtype=np.int64)
    np.add.at(matrix, (np.asarray(y_true), np.asarray(y_pred)), 1)
    return matrix
