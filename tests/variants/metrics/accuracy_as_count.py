"""accuracy returns the number of correct predictions, not the fraction (seed 001 divides by 10000 after)."""
import numpy as np

CAUGHT_BY = ["accuracy_known_example", "accuracy_matches_reference"]
MISTAKE = "Your accuracy returns the number of correct predictions instead of the fraction: divide by the number of samples, e.g. np.mean(y_true == y_pred)."
PASSES = ["confusion_matrix_binary_example", "precision_known_tables"]


def accuracy(y_true, y_pred):
    return int(np.sum(np.asarray(y_true) == np.asarray(y_pred)))
