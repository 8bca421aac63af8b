"""cross_entropy_error adds eps to y in place (y += 1e-7) before the log: the caller's probabilities change."""
import numpy as np

CAUGHT_BY = ["cee_worked_examples", "cee_label_examples", "cee_zero_probability_is_finite",
             "cee_labels_match_one_hot", "cee_matches_reference_one_hot", "cee_matches_reference_labels"]
MISTAKE = "Your cross_entropy_error does y += 1e-7 in place, which changes the caller's array (and fails when y is a list): leave y alone and add eps inside the log, np.log(y + 1e-7)."


def cross_entropy_error(y, t):
    t = np.asarray(t)
    y += 1e-7
    if y.ndim == 1:
        y, t = y.reshape(1, -1), t.reshape(1, -1) if t.ndim else t.reshape(1)
    n = y.shape[0]
    if t.shape == y.shape:
        return float(-np.sum(t * np.log(y)) / n)
    return float(-np.sum(np.log(y[np.arange(n), t])) / n)
