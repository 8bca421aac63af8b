"""Hidden graders for softmax: the student's function against the reference, one row per check."""
import numpy as np
from hypothesis import strategies as st

from graders.testing.agreement import Agrees
from graders.testing.expect import tolerance
from graders.testing.shared.softmax import score_arrays


def rounding_of(a):
    """Code that rounds the scores to float32 moves the probabilities by about |a| times that rounding."""
    return tolerance(condition=float(np.max(np.abs(a))))


test_matches_reference = Agrees(
    "softmax", st.tuples(score_arrays(-1000, 1000)), what=lambda a: "softmax(a)", tol=rounding_of,
    doc="softmax agrees with the reference on arrays of any shape, extreme values included.",
).check()

test_float32_input = Agrees(
    "softmax", st.tuples(score_arrays(-5, 5, dtype=np.float32, shapes=st.tuples(st.integers(1, 6), st.integers(2, 6)))),
    what=lambda a: "softmax(a) for float32 a", tol=rounding_of,
    doc="float32 input gives the reference's probabilities.",
).check()
