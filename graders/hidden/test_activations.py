"""Hidden graders for activations: the student's functions against the reference."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graders import strategies as s
from graders.expect import expect_close

PLAIN = ("step", "sigmoid", "tanh", "relu", "identity", "sigmoid_grad", "tanh_grad", "relu_grad")
WITH_ALPHA = ("leaky_relu", "leaky_relu_grad")
# A derivative is graded on its own: the forward functions it may call are the reference's.
FORWARD = ("sigmoid", "tanh", "relu", "leaky_relu")
TOLERANCE = {np.float64: dict(rtol=1e-9, atol=1e-12), np.float32: dict(rtol=1e-5, atol=1e-6)}


def arrays(dtype):
    """Arrays of any shape: float64 up to ±1000, float32 up to ±100 (exp overflows float32 near 89)."""
    bound = 1e3 if dtype == np.float64 else 1e2
    return s.float_arrays(low=-bound, high=bound, dtype=dtype)


any_float_array = st.sampled_from([np.float64, np.float32]).flatmap(arrays)


def on_its_own(student, reference, name):
    """The student's module, with the reference's forward functions while a derivative is graded."""
    return student.with_reference(reference, *FORWARD) if name.endswith("_grad") else student


def compare(student, reference, name, x, **kwargs):
    """student.<name>(x) equals reference.<name>(x) within the tolerance of x's dtype."""
    expected = getattr(reference, name)(x, **kwargs)
    got = getattr(on_its_own(student, reference, name), name)(x, **kwargs)
    args = ", ".join(["x"] + [f"{k}={v!r}" for k, v in kwargs.items()])
    expect_close(got, expected, f"{name}({args}) for {x.dtype.name} x", **TOLERANCE[x.dtype.type])


@pytest.mark.parametrize("name", PLAIN)
@settings(max_examples=15)  # ten functions: 150 examples in all
@given(x=any_float_array)
def test_matches_reference(student, reference, name, x):
    """Agrees with the reference on float64 and float32 arrays of any shape, extreme values included."""
    compare(student, reference, name, x)


@pytest.mark.parametrize("name", WITH_ALPHA)
@settings(max_examples=15)
@given(x=any_float_array, alpha=st.floats(0.0, 0.9))
def test_matches_reference_alpha(student, reference, name, x, alpha):
    """Agrees with the reference for any alpha in [0, 0.9], on arrays of any shape."""
    compare(student, reference, name, x, alpha=alpha)


EXTREMES = st.sampled_from([np.float64, np.float32]).flatmap(
    lambda dtype: s.float_arrays(shape=s.shapes(1, 2), dtype=dtype,
                                 low=-1e6, high=1e6))


@pytest.mark.hint("exp of a large positive number overflows: use exp(-|x|), np.tanh, and never let "
                  "np.where compute an overflowing branch.")
@settings(max_examples=20)
@given(x=EXTREMES)
def test_no_warnings_at_extremes(student, x):
    """No function makes numpy warn (overflow, invalid, divide) for any finite float32/float64 input."""
    strict = student.with_numpy_errors()
    for name in PLAIN + WITH_ALPHA:
        getattr(strict, name)(x)
