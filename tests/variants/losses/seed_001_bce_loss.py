"""Course notes 001, the logistic regression listing: criterion = torch.nn.BCELoss(); cost = criterion(y_hat, Y).

Adapted to numpy without changing its math: PyTorch's BCELoss adds no eps, it caps each log
at -100 (documented), so p = 1 for t = 0 costs 100 instead of -log(1e-7) = 16.118, and
probabilities near 0 or 1 cost a little less than the kit's formula with eps says.
"""
import numpy as np

CAUGHT_BY = ["bce_certain_predictions", "bce_matches_reference"]
MISTAKE = "Your binary_cross_entropy caps each log at -100 like PyTorch's BCELoss instead of adding eps: use log(p + 1e-7) and log(1 - p + 1e-7)."
PASSES = ["bce_closed_forms", "bce_is_mean"]


def binary_cross_entropy(p, t):
    p, t = np.asarray(p, dtype=float), np.asarray(t, dtype=float)
    with np.errstate(divide="ignore"):
        log_p, log_not_p = np.maximum(np.log(p), -100.0), np.maximum(np.log(1 - p), -100.0)
    return float(-np.mean(t * log_p + (1 - t) * log_not_p))
