"""cross_entropy_error without eps: log(0) = -inf for a zero probability, and 0 * log(0) = nan."""
import numpy as np

CAUGHT_BY = ["cee_worked_examples", "cee_zero_probability_is_finite", "cee_labels_match_one_hot",
             "cee_matches_reference_one_hot", "cee_matches_reference_labels"]
MISTAKE = "Your cross_entropy_error takes np.log(y) without eps, so a zero probability gives -inf or nan: add eps inside the log, np.log(y + 1e-7)."
PASSES = ["cee_label_examples"]


def cross_entropy_error(y, t):
    y, t = np.asarray(y, dtype=float), np.asarray(t)
    if y.ndim == 1:
        y, t = y[np.newaxis, :], t[np.newaxis, ...]
    n = y.shape[0]
    if t.shape == y.shape:
        return -np.sum(t * np.log(y)) / n
    return -np.sum(np.log(y[np.arange(n), t])) / n
