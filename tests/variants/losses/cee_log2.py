"""cross_entropy_error with np.log2 (course notes 003 mention log2 for the CEE): bits instead of the natural log."""
import numpy as np

CAUGHT_BY = ["cee_worked_examples", "cee_label_examples", "cee_zero_probability_is_finite",
             "cee_matches_reference_one_hot", "cee_matches_reference_labels"]
MISTAKE = "Your cross_entropy_error uses np.log2 (bits) instead of the natural log: use np.log(y + 1e-7)."
PASSES = ["cee_labels_match_one_hot"]


def cross_entropy_error(y, t):
    y, t = np.asarray(y, dtype=float), np.asarray(t)
    if y.ndim == 1:
        y, t = y[np.newaxis, :], t[np.newaxis, ...]
    n = y.shape[0]
    if t.shape == y.shape:
        return float(-np.sum(t * np.log2(y + 1e-7)) / n)
    return float(-np.sum(np.log2(y[np.arange(n), t] + 1e-7)) / n)
