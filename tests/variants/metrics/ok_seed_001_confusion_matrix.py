"""Course notes 001, the MNIST listing: confusion_matrix(y2[-1], torch.argmax(y_hat, dim=-1)) from sklearn,
shown with rows true_0..true_9 and columns pred_0..pred_9.

Adapted to numpy without changing its math: sklearn's confusion_matrix maps each label to its
index in `labels`, drops pairs with a label outside them, and adds up a weight of 1 per
(true, predicted) pair into a (len(labels), len(labels)) matrix (rows true, columns predicted,
the kit's orientation). The notes' table names the classes 0..9, so labels are
range(num_classes) here; sklearn's default, the labels that occur, would shrink the matrix
when a class never occurs.
"""
import numpy as np


def confusion_matrix(y_true, y_pred, num_classes):
    labels = np.arange(num_classes)
    label_to_ind = {int(label): index for index, label in enumerate(labels)}
    n_labels = labels.size
    y_true = np.array([label_to_ind.get(int(y), n_labels + 1) for y in y_true], dtype=np.int64)
    y_pred = np.array([label_to_ind.get(int(y), n_labels + 1) for y in y_pred], dtype=np.int64)
    kept = np.logical_and(y_pred < n_labels, y_true < n_labels)
    sample_weight = np.ones(int(kept.sum()), dtype=np.int64)
    matrix = np.zeros((n_labels, n_labels), dtype=np.int64)
    np.add.at(matrix, (y_true[kept], y_pred[kept]), sample_weight)  # a sparse matrix's toarray() adds repeats
    return matrix
