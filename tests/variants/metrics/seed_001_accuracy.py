"""Course notes 001, the MNIST listing: correct_cnt = (y == torch.argmax(y_hat, dim=-1)).sum(); correct_cnt / 10000.

Adapted to numpy and to the kit's arguments (the predicted classes come in as y_pred, the
argmax already taken) without changing its math: the count of matches divided by 10000,
the number of MNIST test images. For any other number of samples it is not the fraction.
"""
import numpy as np

CAUGHT_BY = ["accuracy_known_example", "accuracy_matches_reference"]
MISTAKE = "Your accuracy divides the number of correct predictions by a fixed 10000 instead of the number of samples: divide by len(y_true), e.g. np.mean(y_true == y_pred)."
PASSES = ["confusion_matrix_known_tables", "precision_known_tables", "recall_known_tables"]


def accuracy(y_true, y_pred):
    correct_cnt = (np.asarray(y_true) == np.asarray(y_pred)).sum()
    return correct_cnt / 10000
