"""Label targets indexed as y[:, t]: every sample's row is read at every label (an N x N block)."""
import numpy as np

CAUGHT_BY = ["cee_label_examples", "cee_labels_match_one_hot", "cee_matches_reference_labels"]
MISTAKE = "Your cross_entropy_error indexes label targets as y[:, t], reading every row at every label (an N x N block): pick one entry per row with y[np.arange(N), t]."
PASSES = ["cee_worked_examples", "cee_matches_reference_one_hot"]


def cross_entropy_error(y, t):
    y, t = np.asarray(y, dtype=float), np.asarray(t)
    if y.ndim == 1:
        y, t = y[np.newaxis, :], t[np.newaxis, ...]
    n = y.shape[0]
    if t.shape == y.shape:
        return -np.sum(t * np.log(y + 1e-7)) / n
    return -np.sum(np.log(y[:, t] + 1e-7)) / n
