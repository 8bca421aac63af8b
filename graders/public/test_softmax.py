"""Public self-checks for softmax: properties and the seeds' worked example."""
import numpy as np
import pytest
from hypothesis import given

from graders import strategies as s
from graders.expect import expect_close, expect_shape, expect_true

SHIFT_HINT = "Subtract the max of each row before exp: np.max(a, axis=-1, keepdims=True)."


@pytest.mark.hint(SHIFT_HINT)
def test_seed_example_no_overflow(student):
    """softmax([1010, 1000, 990]) is finite and matches seed 002."""
    got = student.softmax(np.array([1010.0, 1000.0, 990.0]))
    expect_close(got, [9.99954600e-01, 4.53978686e-05, 2.06106005e-09],
                 "softmax([1010, 1000, 990])", rtol=1e-6, atol=1e-12)


def test_seed_example_small(student):
    """softmax([0.3, 2.9, 4.0]) matches seed 003."""
    got = student.softmax(np.array([0.3, 2.9, 4.0]))
    expect_close(got, [0.01821127, 0.24519181, 0.73659691], "softmax([0.3, 2.9, 4.0])", rtol=1e-6)


@pytest.mark.hint("Sum over the last axis only (axis=-1, keepdims=True), not over the whole array.")
@given(a=s.float_arrays(low=-50, high=50))
def test_rows_sum_to_one(student, a):
    """Every row (last axis) is a probability distribution, for any batch shape."""
    got = expect_shape(student.softmax(a), a.shape, "softmax(a)")
    expect_true(np.all(got >= 0), "softmax(a) has negative entries", got=got)
    expect_close(got.sum(axis=-1), np.ones(a.shape[:-1]), "the sum of softmax(a) over the last axis")


@pytest.mark.hint(SHIFT_HINT)
@given(a=s.float_arrays(shape=s.shapes(1, 2), low=-1000, high=1000))
def test_extreme_scores_stay_finite(student, a):
    """No nan or inf for scores as large as ±1000."""
    got = expect_shape(student.softmax(a), a.shape, "softmax(a)")
    expect_true(np.all(np.isfinite(got)), "softmax(a) contains nan or inf", got=got)


@given(a=s.float_arrays(shape=s.shapes(1, 2), low=-20, high=20), c=s.floats(-100, 100))
def test_shift_invariance(student, a, c):
    """softmax(a + c) == softmax(a) for any constant c."""
    expect_close(student.softmax(a + c), student.softmax(a), "softmax(a + c) vs softmax(a)",
                 rtol=1e-6, atol=1e-9)


@given(a=s.float_arrays(shape=(5,), low=-20, high=20))
def test_order_preserved(student, a):
    """A larger score never gets a smaller probability."""
    got = expect_shape(student.softmax(a), a.shape, "softmax(a)")
    i, j = np.argmax(a), np.argmin(a)
    expect_true(got[i] >= got[j], "a larger score got a smaller probability", got=got)
