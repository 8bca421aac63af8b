"""Confusion matrix transposed: rows are the predictions, columns the true classes.
precision and recall built on it swap places."""
import numpy as np

CAUGHT_BY = ["confusion_matrix_binary_example", "confusion_matrix_known_tables", "confusion_matrix_properties",
             "confusion_matrix_matches_reference", "confusion_matrix_is_integer", "precision_known_tables",
             "recall_known_tables"]
MISTAKE = "Your confusion_matrix puts the predictions in the rows and the true classes in the columns: count into M[y_true[i], y_pred[i]] so rows are true classes."
PASSES = ["accuracy_known_example", "precision_matches_reference", "recall_matches_reference"]


def confusion_matrix(y_true, y_pred, num_classes):
    matrix = np.zeros((num_classes, num_classes), dtype=np.int64)
    for t, p in zip(y_true, y_pred):
        matrix[p, t] += 1
    return matrix
