"""Same mistake as fancy_index_increment, written another way: reads the cells at the (true, predicted)
pairs with fancy indexing, adds 1 and writes them back, so a repeated pair is still counted once."""
import numpy as np

CAUGHT_BY = ["confusion_matrix_binary_example", "confusion_matrix_properties",
             "confusion_matrix_matches_reference", "confusion_matrix_is_integer"]
MISTAKE = "Your confusion_matrix uses M[y_true, y_pred] += 1, which counts a repeated (true, predicted) pair only once: use np.add.at(M, (y_true, y_pred), 1)."
PASSES = ["accuracy_known_example", "precision_matches_reference"]


def confusion_matrix(y_true, y_pred, num_classes):
    counts = np.zeros(shape=(num_classes, num_classes), dtype=np.int64)
    cells = (np.asarray(y_true), np.asarray(y_pred))
    counts[cells] = counts[cells] + 1
    return counts
