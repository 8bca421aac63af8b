"""precision divides by the row sums (samples truly of class k): that is recall."""
import numpy as np

CAUGHT_BY = ["precision_known_tables", "zero_division_gives_zero", "precision_and_recall_count_the_hits",
             "precision_matches_reference"]
MISTAKE = "Your precision divides by the row sums (samples truly of class k), which is recall: divide the diagonal by the column sums, M.sum(axis=0)."
PASSES = ["recall_known_tables", "recall_matches_reference", "confusion_matrix_known_tables"]


def precision(y_true, y_pred, num_classes):
    matrix = confusion_matrix(y_true, y_pred, num_classes)
    actual = matrix.sum(axis=1)
    return np.divide(np.diag(matrix), actual, out=np.zeros(num_classes), where=actual > 0)
