"""Course notes 001, the MNIST listing: crit = nn.CrossEntropyLoss() applied to the model's softmax outputs.

Adapted to numpy without changing its math: nn.CrossEntropyLoss takes scores (logits) and
applies log-softmax itself, -log(softmax(y)[label]) (class probabilities as targets: -sum(t *
log_softmax(y))). Given probabilities that went through softmax already, it computes the
softmax a second time: the loss of y = [0, 1] for class 1 is 0.31, not about 0.
"""
import numpy as np

CAUGHT_BY = ["cee_worked_examples", "cee_label_examples", "cee_zero_probability_is_finite",
             "cee_matches_reference_one_hot", "cee_matches_reference_labels"]
MISTAKE = "Your cross_entropy_error applies log-softmax to y like nn.CrossEntropyLoss, although y already holds probabilities: take the log of y directly, np.log(y + 1e-7)."
PASSES = ["cee_labels_match_one_hot"]


def cross_entropy_error(y, t):
    y, t = np.atleast_2d(np.asarray(y, dtype=float)), np.asarray(t)
    shifted = y - y.max(axis=1, keepdims=True)
    log_softmax = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    if t.size == y.size:
        return float(-np.mean(np.sum(t.reshape(y.shape) * log_softmax, axis=1)))
    labels = t.reshape(-1).astype(int)
    return float(-np.mean(log_softmax[np.arange(len(y)), labels]))
