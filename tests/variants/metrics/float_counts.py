"""Counts into np.zeros((C, C)), a float64 matrix: right numbers, not the documented integer counts."""
import numpy as np

CAUGHT_BY = ["confusion_matrix_is_integer"]
MISTAKE = "Your confusion_matrix counts into np.zeros((C, C)), a float64 matrix: create it with dtype=np.int64 so the counts are integers."
PASSES = ["confusion_matrix_binary_example", "confusion_matrix_known_tables", "confusion_matrix_properties",
          "confusion_matrix_matches_reference", "precision_known_tables"]


def confusion_matrix(y_true, y_pred, num_classes):
    matrix = np.zeros((num_classes, num_classes))
    for t, p in zip(y_true, y_pred):
        matrix[t, p] += 1
    return matrix
