"""Hidden graders for softmax: the student's function against the reference."""
import numpy as np
from hypothesis import given

from graders import strategies as s
from graders.expect import expect_close


@given(a=s.float_arrays(low=-1000, high=1000))
def test_matches_reference(student, reference, a):
    """softmax agrees with the reference on arrays of any shape, extreme values included."""
    expect_close(student.softmax(a), reference.softmax(a), "softmax(a)", rtol=1e-6, atol=1e-12)


@given(a=s.float_arrays(shape=s.shapes(2, 2), low=-5, high=5, dtype=np.float32))
def test_float32_input(student, reference, a):
    """float32 input gives the reference's probabilities."""
    expect_close(student.softmax(a), reference.softmax(a), "softmax(a) for float32 a", rtol=1e-4, atol=1e-6)
