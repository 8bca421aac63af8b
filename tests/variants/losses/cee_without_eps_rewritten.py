"""Same mistake as cee_without_eps (np.log(y) with no eps), written another way: np.expand_dims
and reshape for one sample, the log taken into a helper variable, the sum by the array method."""
import numpy as np

CAUGHT_BY = ["cee_worked_examples", "cee_zero_probability_is_finite", "cee_labels_match_one_hot",
             "cee_matches_reference_one_hot", "cee_matches_reference_labels"]
MISTAKE = "Your cross_entropy_error takes np.log(y) without eps, so a zero probability gives -inf or nan: add eps inside the log, np.log(y + 1e-7)."
PASSES = ["cee_label_examples"]


def cross_entropy_error(y, t):
    y = np.asarray(y, dtype=float)
    t = np.asarray(t)
    if y.ndim == 1:
        t = np.expand_dims(t, 0)
        y = y.reshape(1, -1)
    batch_size = y.shape[0]
    if t.shape != y.shape:
        correct = y[np.arange(batch_size), t]
        log_correct = np.log(correct)
        return -log_correct.sum() / batch_size
    log_y = np.log(y)
    return -(t * log_y).sum() / batch_size
