"""precision and recall divide straight away: a class never predicted (or never true) gives nan."""
import numpy as np

CAUGHT_BY = ["zero_division_gives_zero", "precision_and_recall_count_the_hits", "precision_matches_reference",
             "recall_matches_reference"]
MISTAKE = "Your precision and recall divide directly, so a class never predicted (or never true) gives nan: use np.divide(..., out=np.zeros(C), where=den > 0) to get 0.0."
PASSES = ["precision_known_tables", "recall_known_tables"]


def precision(y_true, y_pred, num_classes):
    matrix = confusion_matrix(y_true, y_pred, num_classes)
    return np.diag(matrix) / matrix.sum(axis=0)


def recall(y_true, y_pred, num_classes):
    matrix = confusion_matrix(y_true, y_pred, num_classes)
    return np.diag(matrix) / matrix.sum(axis=1)
