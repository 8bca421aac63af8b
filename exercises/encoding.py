"""One-hot encoding of class labels, and back (course notes 000)."""
import numpy as np


def one_hot(labels, num_classes):
    """Turn class labels into one-hot rows: row i has a single 1, in column labels[i].

    one_hot([0, 1, 0, 1], 2) = [[1, 0], [0, 1], [1, 0], [0, 1]]   (course notes 000)

    Args:
        labels: int array-like of shape (n,) (a list works too), each label in
                0 .. num_classes - 1. n may be 0. Does not change `labels`.
        num_classes: int C >= 1: the number of classes, i.e. the width of each row,
                     whether or not every class occurs in labels.

    Returns:
        float64 array of shape (n, C): 1.0 at [i, labels[i]], 0.0 everywhere else
        (float, so it can be a target for the losses directly).

    Raises:
        ValueError: if a label is below 0 or above num_classes - 1.

    Hint: np.eye(C)[labels] does the job, but only after you have checked the range
    yourself: numpy reads a label of -1 as "the last class" instead of an error, and
    a label of C raises IndexError, not ValueError. Do not take the width from
    labels.max() + 1: a batch may miss the last classes.
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def from_one_hot(onehot):
    """Turn one-hot rows back into class labels: the column of each row's largest entry.

    from_one_hot([[1, 0], [0, 1], [1, 0], [0, 1]]) = [0, 1, 0, 1]

    Args:
        onehot: float (or int) array of shape (n, C): one-hot rows, or any scores such
                as predicted probabilities (then it gives the predicted class). n may be 0.
                Does not change `onehot`.

    Returns:
        int64 array of shape (n,): argmax of each row (on a tie, the first column).
        Comparing in float32 is fine: where a row's largest entries are too close for
        float32 to tell apart, either of them is accepted.

    Hint: np.argmax over axis=1, the class axis. Looking for entries equal to 1 works
    for exact one-hot rows only; argmax also turns softmax outputs into predictions.
    """
    # YOUR CODE HERE
    raise NotImplementedError()
