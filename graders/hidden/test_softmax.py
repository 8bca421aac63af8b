"""Hidden graders for softmax: the student's function against the reference."""
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from graders.testing.expect import expect_close, tolerance
from graders.testing.shared.softmax import score_arrays


def rounding_of(a):
    """Code that rounds the scores to float32 moves the probabilities by about |a| times that rounding."""
    return tolerance(condition=float(np.max(np.abs(a))))


@given(a=score_arrays(-1000, 1000))
def test_matches_reference(student, reference, a):
    """softmax agrees with the reference on arrays of any shape, extreme values included."""
    expect_close(student.softmax(a), reference.softmax(a), "softmax(a)", tol=rounding_of(a))


@given(a=score_arrays(-5, 5, dtype=np.float32, shapes=st.tuples(st.integers(1, 6), st.integers(2, 6))))
def test_float32_input(student, reference, a):
    """float32 input gives the reference's probabilities."""
    expect_close(student.softmax(a), reference.softmax(a), "softmax(a) for float32 a", tol=rounding_of(a))
