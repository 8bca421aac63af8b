"""Hidden graders for gates: perceptron against the reference on any input size and dtype, and
XOR graded on top of the reference gates (so a wrong NAND does not cost the XOR check)."""
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from graders.testing import strategies as s
from graders.testing.expect import expect_equal, tolerance
from graders.testing.shared.gates import CORNERS, PERCEPTRON_HINT, perceptron_answer


@st.composite
def float_units(draw):
    """(x, w, b) with d inputs, d from 1 to 6, float64 or float32."""
    d = draw(st.integers(1, 6))
    dtype = draw(st.sampled_from([np.float64, np.float32]))
    x = draw(s.float_arrays(shape=(d,), low=-10, high=10, dtype=dtype))
    w = draw(s.float_arrays(shape=(d,), low=-10, high=10, dtype=dtype))
    return x, w, draw(s.floats(-10, 10))


@st.composite
def integer_units(draw):
    """(x, w, b) of small integers: w·x + b is often exactly 0."""
    d = draw(st.integers(1, 4))
    ints = s.arrays(np.int64, (d,), st.integers(-3, 3))
    return draw(ints), draw(ints), draw(st.integers(-3, 3))


@settings(max_examples=12)  # twice the 6 examples its slowest-caught buggy variant needs
@given(unit=float_units())
def test_perceptron_matches_reference(student, reference, unit):
    """perceptron agrees with the reference for any number of inputs, float64 and float32."""
    x, w, b = unit
    terms = w.astype(float) * x.astype(float)
    total = float(terms.sum() + b)
    # a sum within float32 rounding of its d + 1 terms' size may fall on either side of 0
    if abs(total) <= tolerance(steps=len(x) + 1, scale=float(np.abs(terms).sum() + abs(b))).atol:
        return
    what = f"perceptron(x, w, b) for {len(x)} inputs (w·x + b = {total:.6g})"
    got = perceptron_answer(student.perceptron(x, w, b), what)
    expect_equal(got, reference.perceptron(x, w, b), what,
                 hint="Return 1 if np.dot(w, x) + b > 0 else 0; np.dot works for any number of inputs, "
                      "w[0]*x[0] + w[1]*x[1] only for two.")


@given(unit=integer_units())
def test_perceptron_integer_inputs(student, reference, unit):
    """perceptron agrees with the reference on integer arrays, where w·x + b = 0 happens exactly."""
    x, w, b = unit
    what = f"perceptron(x, w, b) for integer x, w, b (w·x + b = {int(np.dot(w, x) + b)})"
    got = perceptron_answer(student.perceptron(x, w, b), what, PERCEPTRON_HINT)
    expect_equal(got, reference.perceptron(x, w, b), what,
                 hint="The test is strict: w·x + b > 0 gives 1, w·x + b = 0 gives 0.")


def test_XOR_on_reference_gates(student, reference):
    """XOR gives 0, 1, 1, 0 when built on correct AND, NAND and OR gates."""
    xor = student.with_reference(reference, "AND", "NAND", "OR").XOR
    for x1, x2 in CORNERS:
        expect_equal(xor(x1, x2), reference.XOR(x1, x2), f"XOR({x1}, {x2}) on correct AND, NAND, OR",
                     hint="XOR(x1, x2) = AND(NAND(x1, x2), OR(x1, x2)).")
