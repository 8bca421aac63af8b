"""Hidden graders for encoding: one_hot and from_one_hot against the reference on any integer
dtype, empty batches, and score rows that are not exactly one-hot."""
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from graders import strategies as s
from graders.expect import as_array, expect_equal, expect_shape, expect_true
from graders.public.test_encoding import labelled

INT_DTYPES = (np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16)


@st.composite
def score_rows(draw):
    """(n, C) arrays: probabilities, raw float scores, or 0/1 integer rows (ties included)."""
    n, num_classes = draw(st.integers(1, 12)), draw(st.integers(1, 8))
    kind = draw(st.sampled_from(["probabilities", "scores", "ints"]))
    if kind == "probabilities":
        return draw(s.probability_rows(shape=(n, num_classes)))
    if kind == "scores":
        return draw(s.float_arrays(shape=(n, num_classes), low=-10, high=10))
    return draw(hnp.arrays(np.int64, (n, num_classes), elements=st.integers(0, 1)))


@given(case=labelled(dtypes=INT_DTYPES), as_list=st.booleans())
def test_one_hot_matches_reference(student, reference, case, as_list):
    """one_hot agrees with the reference for labels of any integer dtype, or a list."""
    labels, num_classes = case
    given_labels = labels.tolist() if as_list else labels
    expect_equal(student.one_hot(given_labels, num_classes), reference.one_hot(labels, num_classes),
                 f"one_hot(labels, {num_classes}) for {'a list' if as_list else labels.dtype} labels")


@settings(max_examples=10)  # a dtype shows on the first example
@given(case=labelled())
def test_one_hot_is_float64(student, case):
    """one_hot returns a float64 array, as documented."""
    labels, num_classes = case
    got = as_array(student.one_hot(labels, num_classes), "one_hot(labels, C)")
    expect_true(got.dtype == np.float64, "one_hot(labels, C) should be a float64 array",
                expected="float64", got=str(got.dtype), hint="Start from np.zeros((n, C)) (float64 by default).")


@given(rows=score_rows())
def test_from_one_hot_matches_reference(student, reference, rows):
    """from_one_hot gives each row's argmax, for probabilities, raw scores and 0/1 rows with ties."""
    expect_equal(student.from_one_hot(rows), reference.from_one_hot(rows), "from_one_hot(rows)",
                 hint="np.argmax(rows, axis=1): the largest entry of each row, the first one on a tie.")


@settings(max_examples=10)  # a dtype shows on the first example
@given(rows=score_rows())
def test_from_one_hot_returns_integers(student, rows):
    """from_one_hot returns an integer array of shape (n,)."""
    got = expect_shape(student.from_one_hot(rows), (rows.shape[0],), "from_one_hot(rows)")
    expect_true(got.dtype.kind in "iu", "from_one_hot(rows) should be an integer array (labels index classes)",
                expected="an int dtype such as int64", got=str(got.dtype))


def test_empty_input(student):
    """An empty batch: one_hot of 0 labels has shape (0, C); from_one_hot of (0, C) has shape (0,)."""
    hint = "An empty batch is not an error: labels.max() of an empty array raises, so test the range with np.any."
    got = expect_shape(student.one_hot(np.zeros(0, dtype=np.int64), 3), (0, 3), "one_hot(empty labels, 3)", hint)
    expect_true(got.dtype == np.float64, "one_hot(empty labels, 3) should be float64", got=str(got.dtype))
    expect_shape(student.from_one_hot(np.zeros((0, 3))), (0,), "from_one_hot of a (0, 3) array", hint)
