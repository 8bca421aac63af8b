"""M[y_true, y_pred] += 1 with fancy indexing: a pair that occurs several times is counted once."""
import numpy as np

CAUGHT_BY = ["confusion_matrix_binary_example", "confusion_matrix_properties",
             "confusion_matrix_matches_reference", "confusion_matrix_is_integer"]
MISTAKE = "Your confusion_matrix uses M[y_true, y_pred] += 1, which counts a repeated (true, predicted) pair only once: use np.add.at(M, (y_true, y_pred), 1)."
PASSES = ["accuracy_known_example", "precision_matches_reference"]


def confusion_matrix(y_true, y_pred, num_classes):
    matrix = np.zeros((num_classes, num_classes), dtype=np.int64)
    matrix[np.asarray(y_true), np.asarray(y_pred)] += 1
    return matrix
