"""Classification metrics: accuracy, the confusion matrix, precision and recall (course notes 001)."""
import numpy as np


def accuracy(y_true, y_pred):
    """The fraction of samples whose predicted class is the true class.

    Args:
        y_true: int array-like of shape (n,), n >= 1: the true classes.
        y_pred: int array-like of shape (n,): the predicted classes.

    Returns:
        float in [0, 1]: (number of i with y_true[i] == y_pred[i]) / n.
        Does not change `y_true` or `y_pred`.

    Hint: course notes 001 count the matches and divide by 10000, the number of
    MNIST test images; here n can be anything: divide by len(y_true), not by a
    fixed number, and return the fraction, not the count or a percentage. np.mean
    of a boolean array is exactly this fraction.
    """
    ### BEGIN SOLUTION
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    return float(np.mean(y_true == y_pred))
    ### END SOLUTION


def confusion_matrix(y_true, y_pred, num_classes):
    """Count every (true class, predicted class) pair.

    M[i, j] = number of samples of true class i that were predicted as class j:
    rows are the true classes, columns the predictions (as sklearn's confusion_matrix
    in course notes 001: "true_i" rows, "pred_j" columns). The diagonal holds the
    correct ones.
    For two classes with 1 = positive: [[TN, FP], [FN, TP]] (the table in course
    notes 001 lists the positive class first: [[TP, FN], [FP, TN]]).

    Args:
        y_true: int array-like of shape (n,), each in 0 .. num_classes - 1.
        y_pred: int array-like of shape (n,), each in 0 .. num_classes - 1.
        num_classes: int C: the matrix is C x C even if some classes never occur.

    Returns:
        int64 array of shape (C, C); its entries sum to n.
        Does not change `y_true` or `y_pred`.

    Hint: M[y_true[i], y_pred[i]] += 1 for every i. With numpy indexing, use
    np.add.at(M, (y_true, y_pred), 1): M[y_true, y_pred] += 1 counts a repeated pair
    only once. Start from np.zeros((C, C), dtype=np.int64): counts are integers.
    """
    ### BEGIN SOLUTION
    matrix = np.zeros((num_classes, num_classes), dtype=np.int64)
    np.add.at(matrix, (np.asarray(y_true, dtype=np.int64), np.asarray(y_pred, dtype=np.int64)), 1)
    return matrix
    ### END SOLUTION


def precision(y_true, y_pred, num_classes):
    """Precision of every class: of the samples predicted as class k, the fraction that are k.

    precision[k] = TP_k / (TP_k + FP_k) = M[k, k] / (column k of M summed),
    with M = confusion_matrix(y_true, y_pred, num_classes).

    Args:
        y_true, y_pred: int array-like of shape (n,), each in 0 .. num_classes - 1.
        num_classes: int C.

    Returns:
        float64 array of shape (C,), each in [0, 1]. A class that is never predicted
        (0 / 0) gets precision 0.0, never nan. Does not change `y_true` or `y_pred`.

    Hint: with rows = true and columns = predicted, the samples predicted as k are
    column k: M.sum(axis=0). Divide with np.divide(..., out=np.zeros(C), where=den > 0)
    so an empty column gives 0.0 instead of nan.
    """
    ### BEGIN SOLUTION
    matrix = confusion_matrix(y_true, y_pred, num_classes)
    predicted = matrix.sum(axis=0)
    return np.divide(np.diag(matrix), predicted, out=np.zeros(num_classes), where=predicted > 0)
    ### END SOLUTION


def recall(y_true, y_pred, num_classes):
    """Recall of every class: of the samples whose true class is k, the fraction predicted as k.

    recall[k] = TP_k / (TP_k + FN_k) = M[k, k] / (row k of M summed),
    with M = confusion_matrix(y_true, y_pred, num_classes).

    Args:
        y_true, y_pred: int array-like of shape (n,), each in 0 .. num_classes - 1.
        num_classes: int C.

    Returns:
        float64 array of shape (C,), each in [0, 1]. A class that never occurs in
        y_true (0 / 0) gets recall 0.0, never nan. Does not change `y_true` or `y_pred`.

    Hint: the samples of true class k are row k: M.sum(axis=1). Mixing up the axes
    swaps precision and recall.
    """
    ### BEGIN SOLUTION
    matrix = confusion_matrix(y_true, y_pred, num_classes)
    actual = matrix.sum(axis=1)
    return np.divide(np.diag(matrix), actual, out=np.zeros(num_classes), where=actual > 0)
    ### END SOLUTION
