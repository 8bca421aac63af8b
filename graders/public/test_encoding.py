"""Public self-checks for encoding: the course notes' example, one 1 per row, round trips, bad labels.

Every drawn batch holds at least two different labels, so that code returning zeros, one
value everywhere or its own input fails every check.
"""
import numpy as np
from hypothesis import given

from graders.engine.problems import StudentException
from graders.testing.expect import CheckFailed, expect_equal, expect_shape, expect_true
from graders.testing.shared.encoding import labelled

SEED_LABELS = [0, 1, 0, 1]
SEED_ONE_HOT = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.0, 1.0]])
RANGE_HINT = ("Check the labels first: if any label is < 0 or >= num_classes, raise ValueError "
              "(np.eye(C)[labels] alone wraps -1 around to the last class).")


def expect_value_error(call, what, hint=""):
    """``call()`` raises ValueError in the student's code."""
    try:
        got = call()
    except StudentException as exc:
        expect_true(exc.type_name == "ValueError", f"{what} should raise ValueError",
                    got=str(exc), hint=hint)
        return
    raise CheckFailed(f"{what} should raise ValueError", got=got, hint=hint)


def test_one_hot_course_notes_example(student):
    """one_hot([0, 1, 0, 1], 2) = [[1, 0], [0, 1], [1, 0], [0, 1]] (course notes 000; labels given as a list)."""
    expect_equal(student.one_hot(SEED_LABELS, 2), SEED_ONE_HOT, "one_hot([0, 1, 0, 1], 2)",
                 hint="Accept a list too: labels = np.asarray(labels).")


def test_from_one_hot_course_notes_example(student):
    """from_one_hot([[1, 0], [0, 1], [1, 0], [0, 1]]) = [0, 1, 0, 1] (course notes 000)."""
    expect_equal(student.from_one_hot(SEED_ONE_HOT), np.array(SEED_LABELS),
                 "from_one_hot of the rows of course notes 000",
                 hint="Take np.argmax over axis=1 (the class axis), not axis=0.")


@given(case=labelled())
def test_one_hot_rows_have_a_single_one(student, case):
    """one_hot(labels, C) has shape (n, C); row i is all 0 except a 1 in column labels[i]."""
    labels, num_classes = case
    got = expect_shape(student.one_hot(labels, num_classes), (len(labels), num_classes),
                       f"one_hot(labels, {num_classes})", hint="One row per label, num_classes columns.")
    expect_true(np.all((got == 0) | (got == 1)), "one_hot(labels, C) holds values other than 0 and 1", got=got)
    expect_true(np.all(got.sum(axis=1) == 1), "a row of one_hot(labels, C) does not hold exactly one 1", got=got)
    expect_true(np.all(got[np.arange(len(labels)), labels] == 1),
                "row i of one_hot(labels, C) should have its 1 in column labels[i]", got=got, expected=labels)


@given(case=labelled())
def test_round_trip(student, case):
    """from_one_hot(one_hot(labels, C)) gives the labels back."""
    labels, num_classes = case
    encoded = expect_shape(student.one_hot(labels, num_classes), (len(labels), num_classes),
                           f"one_hot(labels, {num_classes})")
    expect_equal(student.from_one_hot(encoded), labels, "from_one_hot(one_hot(labels, C))")


def test_num_classes_sets_width(student):
    """one_hot([0, 1], 5) has 5 columns even though classes 2, 3, 4 do not occur; one_hot([0, 0], 1) has 1."""
    hint = "The width is num_classes, not labels.max() + 1: a batch can miss classes."
    expect_equal(student.one_hot([0, 1], 5), np.eye(5)[[0, 1]], "one_hot([0, 1], 5)", hint=hint)
    expect_equal(student.one_hot([0, 0], 1), np.ones((2, 1)), "one_hot([0, 0], 1)", hint=hint)


def test_rejects_out_of_range_labels(student):
    """one_hot([0, 2], 3) encodes both labels; a label below 0 or at/above num_classes raises ValueError."""
    expect_equal(student.one_hot([0, 2], 3), np.eye(3)[[0, 2]], "one_hot([0, 2], 3)",
                 hint="The largest valid label is num_classes - 1: check with labels >= num_classes.")
    expect_value_error(lambda: student.one_hot([0, 3], 3), "one_hot([0, 3], 3) (label 3 with 3 classes)",
                       RANGE_HINT)
    expect_value_error(lambda: student.one_hot([-1, 0], 3), "one_hot([-1, 0], 3) (a negative label)", RANGE_HINT)
