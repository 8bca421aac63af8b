"""Public self-checks for metrics: known tables (the TP/FN/FP/TN layout of course notes 001), zero division,
and properties of the confusion matrix, precision and recall."""
import numpy as np
from hypothesis import given

from graders.testing.expect import EXACT, expect_close, expect_equal, expect_shape, expect_true
from graders.testing.shared.metrics import ACCURACY_HINT, PRECISION_HINT, RECALL_HINT, ZERO_HINT, label_pairs

# Two classes, 1 = positive: TP = 3, FN = 2, FP = 1, TN = 4.
BINARY = dict(y_true=[1, 1, 1, 1, 1, 0, 0, 0, 0, 0], y_pred=[1, 1, 1, 0, 0, 1, 0, 0, 0, 0], num_classes=2)
BINARY_MATRIX = np.array([[4, 1], [2, 3]])
# Three classes, every class present.
THREE = dict(y_true=[0, 0, 0, 0, 1, 1, 1, 1, 2, 2], y_pred=[0, 0, 0, 1, 1, 1, 2, 2, 0, 2], num_classes=3)
THREE_MATRIX = np.array([[3, 1, 0], [0, 2, 2], [1, 0, 1]])
# Five classes: class 3 is predicted but never true, class 4 neither; 0 / 0 must give 0.0.
SPARSE = dict(y_true=[0, 0, 1, 1, 2], y_pred=[0, 3, 1, 2, 1], num_classes=5)
SPARSE_MATRIX = np.array([[1, 0, 0, 1, 0], [0, 1, 1, 0, 0], [0, 1, 0, 0, 0], [0] * 5, [0] * 5])

LAYOUT_HINT = ("M[i, j] counts samples of TRUE class i PREDICTED as j: rows are true classes, columns "
               "predictions (course notes 001: true_i rows, pred_j columns). For 2 classes: [[TN, FP], [FN, TP]].")


def call(fn, case):
    """``fn(y_true, y_pred, num_classes)`` for a case dict of the tables above."""
    return fn(np.array(case["y_true"]), np.array(case["y_pred"]), case["num_classes"])


def test_accuracy_known_example(student):
    """accuracy of 7 right out of 10 is 0.7, and 6 out of 10 is 0.6."""
    expect_close(student.accuracy(np.array(BINARY["y_true"]), np.array(BINARY["y_pred"])), 0.7,
                 "accuracy on the two-class table (7 of 10 right)", hint=ACCURACY_HINT)
    expect_close(student.accuracy(THREE["y_true"], THREE["y_pred"]), 0.6,
                 "accuracy on the three-class table (6 of 10 right, labels given as lists)", hint=ACCURACY_HINT)


def test_confusion_matrix_binary_example(student):
    """Two classes with TP = 3, FN = 2, FP = 1, TN = 4 give [[4, 1], [2, 3]] (rows true, columns predicted)."""
    expect_equal(call(student.confusion_matrix, BINARY), BINARY_MATRIX, "confusion_matrix of the two-class table",
                 hint=LAYOUT_HINT)


def test_confusion_matrix_known_tables(student):
    """A three-class table, and a five-class one where classes 3 and 4 are never true."""
    expect_equal(call(student.confusion_matrix, THREE), THREE_MATRIX, "confusion_matrix of the three-class table",
                 hint=LAYOUT_HINT)
    expect_equal(call(student.confusion_matrix, SPARSE), SPARSE_MATRIX,
                 "confusion_matrix with num_classes=5 (classes 3 and 4 never true)",
                 hint="The matrix is num_classes x num_classes, whichever classes occur. " + LAYOUT_HINT)


def test_precision_known_tables(student):
    """precision = TP / (TP + FP) per class: [4/6, 3/4] for two classes, [3/4, 2/3, 1/3] for three."""
    expect_close(call(student.precision, BINARY), [4 / 6, 3 / 4], "precision of the two-class table",
                 hint=PRECISION_HINT)
    expect_close(call(student.precision, THREE), [3 / 4, 2 / 3, 1 / 3], "precision of the three-class table",
                 hint=PRECISION_HINT)


def test_recall_known_tables(student):
    """recall = TP / (TP + FN) per class: [4/5, 3/5] for two classes, [3/4, 1/2, 1/2] for three."""
    expect_close(call(student.recall, BINARY), [4 / 5, 3 / 5], "recall of the two-class table", hint=RECALL_HINT)
    expect_close(call(student.recall, THREE), [3 / 4, 1 / 2, 1 / 2], "recall of the three-class table",
                 hint=RECALL_HINT)


def test_zero_division_gives_zero(student):
    """A class never predicted has precision 0.0, a class never true has recall 0.0 (not nan)."""
    expect_close(call(student.precision, SPARSE), [1.0, 0.5, 0.0, 0.0, 0.0],
                 "precision with num_classes=5 (class 4 never predicted)", hint=ZERO_HINT)
    expect_close(call(student.recall, SPARSE), [0.5, 0.5, 0.0, 0.0, 0.0],
                 "recall with num_classes=5 (classes 3 and 4 never true)", hint=ZERO_HINT)


@given(case=label_pairs())
def test_confusion_matrix_properties(student, case):
    """Row i sums to the count of true class i, column j to the count of predictions j, the trace to the hits."""
    y_true, y_pred, num_classes = case
    m = expect_shape(student.confusion_matrix(y_true, y_pred, num_classes), (num_classes, num_classes),
                     f"confusion_matrix(y_true, y_pred, {num_classes})")
    expect_equal(m.sum(axis=1), np.bincount(y_true, minlength=num_classes),
                 "the confusion matrix's row sums (the count of each TRUE class)", hint=LAYOUT_HINT)
    expect_equal(m.sum(axis=0), np.bincount(y_pred, minlength=num_classes),
                 "the confusion matrix's column sums (the count of each PREDICTED class)", hint=LAYOUT_HINT)
    expect_equal(np.trace(m), int(np.sum(y_true == y_pred)),
                 "the confusion matrix's trace (the number of right predictions)",
                 hint="Use np.add.at(M, (y_true, y_pred), 1): M[y_true, y_pred] += 1 counts repeats once.")


@given(case=label_pairs())
def test_precision_and_recall_count_the_hits(student, case):
    """precision[k] * (number predicted as k) = recall[k] * (number truly k) = the hits of class k; both are (C,)
    arrays of fractions in [0, 1], 0.0 where nothing was predicted as (or truly is) k."""
    y_true, y_pred, num_classes = case
    hits = np.bincount(y_true[y_true == y_pred], minlength=num_classes)
    for name, counts in (("precision", np.bincount(y_pred, minlength=num_classes)),
                         ("recall", np.bincount(y_true, minlength=num_classes))):
        what = f"{name}(y_true, y_pred, {num_classes})"
        got = expect_shape(getattr(student, name)(y_true, y_pred, num_classes), (num_classes,), what).astype(float)
        expect_true(np.all(np.isfinite(got)) and np.all((got >= 0) & (got <= 1)),
                    f"{name} should hold finite fractions in [0, 1]", got=got, hint=ZERO_HINT)
        expect_close(got, np.where(counts > 0, got, 0.0), f"{what} where the denominator is 0 (should be 0.0)",
                     tol=EXACT, hint=ZERO_HINT)
        expect_close(got * counts, hits,
                     f"{what} times the number of samples {'predicted as' if name == 'precision' else 'truly of'} "
                     "each class (should be the class's hits, M[k, k])",
                     hint=PRECISION_HINT if name == "precision" else RECALL_HINT)
