"""Hidden graders for metrics: the student's functions against the reference on random labels of
any integer dtype. precision and recall are graded on top of the reference confusion_matrix, so a
wrong matrix costs its own checks only."""
import numpy as np
from hypothesis import given

from graders.testing.agreement import Agrees
from graders.testing.expect import as_array, expect_equal, expect_true
from graders.testing.shared.metrics import (
    ACCURACY_HINT,
    PRECISION_HINT,
    RECALL_HINT,
    ZERO_HINT,
    label_pairs,
)

INT_DTYPES = (np.int8, np.int32, np.int64, np.uint8)
LABELS = label_pairs(INT_DTYPES).map(lambda case: case[:2])  # accuracy takes no class count


test_accuracy_matches_reference = Agrees(
    "accuracy", LABELS, what=lambda y_true, y_pred: "accuracy(y_true, y_pred)", hint=ACCURACY_HINT,
    doc="accuracy agrees with the reference on random labels of any integer dtype.",
).check()

test_confusion_matrix_matches_reference = Agrees(
    "confusion_matrix", label_pairs(INT_DTYPES), exact=True,
    what=lambda y_true, y_pred, num_classes: f"confusion_matrix(y_true, y_pred, {num_classes})",
    doc="confusion_matrix agrees with the reference (rows true, columns predicted, C x C).",
).check()


@given(case=label_pairs())
def test_confusion_matrix_is_integer(student, reference, case):
    """confusion_matrix returns the right counts as an integer array, as documented."""
    y_true, y_pred, num_classes = case
    what = f"confusion_matrix(y_true, y_pred, {num_classes})"
    got = as_array(student.confusion_matrix(y_true, y_pred, num_classes), what)
    expect_equal(got, reference.confusion_matrix(y_true, y_pred, num_classes), what)
    expect_true(got.dtype.kind in "iu", "confusion_matrix should be an integer array of counts",
                expected="int64", got=str(got.dtype),
                hint="np.zeros((C, C), dtype=np.int64): np.zeros alone makes float64.")


test_precision_matches_reference = Agrees(
    "precision", label_pairs(INT_DTYPES), helpers=("confusion_matrix",), hint=f"{PRECISION_HINT} {ZERO_HINT}",
    what=lambda y_true, y_pred, num_classes: f"precision(y_true, y_pred, {num_classes})",
    doc="precision agrees with the reference (computed on a correct confusion matrix).",
).check()

test_recall_matches_reference = Agrees(
    "recall", label_pairs(INT_DTYPES), helpers=("confusion_matrix",), hint=f"{RECALL_HINT} {ZERO_HINT}",
    what=lambda y_true, y_pred, num_classes: f"recall(y_true, y_pred, {num_classes})",
    doc="recall agrees with the reference (computed on a correct confusion matrix).",
).check()
