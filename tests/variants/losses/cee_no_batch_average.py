"""cross_entropy_error sums over the batch instead of averaging: the loss grows with the batch size."""
import numpy as np

CAUGHT_BY = ["cee_label_examples", "cee_labels_match_one_hot", "cee_matches_reference_one_hot",
             "cee_matches_reference_labels"]
MISTAKE = "Your cross_entropy_error sums the loss over the batch without dividing by the number of samples: divide the sum by N = y.shape[0]."
PASSES = ["cee_worked_examples"]


def cross_entropy_error(y, t):
    y, t = np.asarray(y, dtype=float), np.asarray(t)
    if y.ndim == 1:
        y, t = y[np.newaxis, :], t[np.newaxis, ...]
    if t.shape == y.shape:
        return -np.sum(t * np.log(y + 1e-7))
    return -np.sum(np.log(y[np.arange(y.shape[0]), t] + 1e-7))
