"""Hidden graders for encoding: one_hot and from_one_hot against the reference on any integer
dtype, empty batches, and score rows that are not exactly one-hot."""
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from graders.testing import strategies as s
from graders.testing.expect import CheckFailed, as_array, expect_equal, expect_shape, expect_true, tolerance
from graders.testing.shared.encoding import labelled

INT_DTYPES = (np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16)
ARGMAX_HINT = "np.argmax(rows, axis=1): the largest entry of each row, the first one on a tie."


@st.composite
def score_rows(draw):
    """(n, C) arrays, n, C >= 2: probabilities, raw float scores, or 0/1 integer rows (ties included);
    two rows have their largest entry, clearly, in two different columns."""
    n, num_classes = draw(st.integers(2, 12)), draw(st.integers(2, 8))
    kind = draw(st.sampled_from(["probabilities", "scores", "ints"]))
    if kind == "probabilities":
        rows = draw(s.probability_rows(shape=(n, num_classes)))
    elif kind == "scores":
        rows = draw(s.float_arrays(shape=(n, num_classes), low=-10, high=10))
    else:
        rows = draw(s.arrays(np.int64, (n, num_classes), st.integers(0, 1)))
    places = draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=2, unique=True))
    columns = draw(st.lists(st.integers(0, num_classes - 1), min_size=2, max_size=2, unique=True))
    for row, column in zip(places, columns):
        if kind == "ints":
            rows[row] = 0
        rows[row, column] = rows[row].max() + 1
        if kind == "probabilities":
            rows[row] /= rows[row].sum()
    return rows


def expect_argmax(got, rows, expected, what, hint=ARGMAX_HINT):
    """``got`` is each row's argmax (``expected``, the first on a tie); where a row's largest entries
    are too close for float32 to tell apart (one formula's rounding), any of them."""
    labels = expect_shape(got, (rows.shape[0],), what, hint)
    values = rows.astype(float)
    top = values.max(axis=1, keepdims=True)
    tol = tolerance()
    near = values >= top - tol.atol - tol.rtol * np.abs(top)
    undecided = near.sum(axis=1) > (values == top).sum(axis=1)
    index = np.where(np.isfinite(labels) & (labels == np.round(labels)) & (labels >= 0) & (labels < rows.shape[1]),
                     labels, 0).astype(int)
    right = (labels == expected) | (undecided & near[np.arange(rows.shape[0]), index] & (labels == index))
    if not np.all(right):
        raise CheckFailed(f"{what} is wrong", expected=np.asarray(expected), got=labels, hint=hint)
    return labels


@given(case=labelled(dtypes=INT_DTYPES), as_list=st.booleans())
def test_one_hot_matches_reference(student, reference, case, as_list):
    """one_hot agrees with the reference for labels of any integer dtype, or a list."""
    labels, num_classes = case
    given_labels = labels.tolist() if as_list else labels
    expect_equal(student.one_hot(given_labels, num_classes), reference.one_hot(labels, num_classes),
                 f"one_hot(labels, {num_classes}) for {'a list' if as_list else labels.dtype} labels")


@given(case=labelled())
def test_one_hot_is_float64(student, reference, case):
    """one_hot returns the one-hot rows as a float64 array, as documented."""
    labels, num_classes = case
    got = as_array(student.one_hot(labels, num_classes), "one_hot(labels, C)")
    expect_equal(got, reference.one_hot(labels, num_classes), f"one_hot(labels, {num_classes})")
    expect_true(got.dtype == np.float64, "one_hot(labels, C) should be a float64 array",
                expected="float64", got=str(got.dtype), hint="Start from np.zeros((n, C)) (float64 by default).")


@given(rows=score_rows())
def test_from_one_hot_matches_reference(student, reference, rows):
    """from_one_hot gives each row's argmax, for probabilities, raw scores and 0/1 rows with ties."""
    expect_argmax(student.from_one_hot(rows), rows, reference.from_one_hot(rows), "from_one_hot(rows)")


@given(case=labelled())
def test_from_one_hot_returns_integers(student, case):
    """from_one_hot of one-hot rows returns their labels as an integer array of shape (n,)."""
    labels, num_classes = case
    rows = np.eye(num_classes)[labels]
    got = expect_argmax(student.from_one_hot(rows), rows, labels, "from_one_hot(rows)")
    expect_true(got.dtype.kind in "iu", "from_one_hot(rows) should be an integer array (labels index classes)",
                expected="an int dtype such as int64", got=str(got.dtype))


def test_empty_input(student):
    """A batch of 0 works like a batch of 1: one_hot gives shapes (0, C) and (1, C), from_one_hot (0,) and (1,)."""
    hint = "An empty batch is not an error: labels.max() of an empty array raises, so test the range with np.any."
    got = expect_shape(student.one_hot(np.zeros(0, dtype=np.int64), 3), (0, 3), "one_hot(empty labels, 3)", hint)
    expect_true(got.dtype == np.float64, "one_hot(empty labels, 3) should be float64", got=str(got.dtype))
    expect_equal(student.one_hot(np.array([2]), 3), np.array([[0.0, 0.0, 1.0]]), "one_hot([2], 3)")
    expect_shape(student.from_one_hot(np.zeros((0, 3))), (0,), "from_one_hot of a (0, 3) array", hint)
    expect_equal(student.from_one_hot(np.array([[0.1, 0.2, 0.7]])), np.array([2]), "from_one_hot([[0.1, 0.2, 0.7]])")
