"""confusion_matrix builds the flat index y_true * C + y_pred in y_true's own memory (y_true *= C): the caller's
labels are overwritten, and precision and recall, which call it, change their argument too."""
import numpy as np

CAUGHT_BY = ["confusion_matrix_binary_example", "confusion_matrix_known_tables", "confusion_matrix_properties",
             "confusion_matrix_matches_reference", "confusion_matrix_is_integer", "precision_known_tables",
             "recall_known_tables", "zero_division_gives_zero", "precision_and_recall_count_the_hits"]
MISTAKE = "Your confusion_matrix builds the flat index in y_true's own memory (y_true *= C), overwriting the caller's labels: compute a new array, e.g. flat = y_true * C + y_pred."
PASSES = ["accuracy_known_example", "accuracy_matches_reference", "precision_matches_reference"]


def confusion_matrix(y_true, y_pred, num_classes):
    flat = np.asarray(y_true)
    flat *= num_classes
    flat += np.asarray(y_pred)
    counts = np.bincount(flat, minlength=num_classes * num_classes)
    return counts.reshape(num_classes, num_classes).astype(np.int64)
