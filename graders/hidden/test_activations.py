"""Hidden graders for activations: the student's functions against the reference."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graders.testing.expect import expect_close, tolerance
from graders.testing.shared.activations import ANCHORS, mixed_arrays

# What each check compares; identity is graded with its slope (code that hands x back is the
# identity, so a check of identity alone could not tell it from code that computes nothing).
COMPARED = {"step": ("step",), "sigmoid": ("sigmoid",), "tanh": ("tanh",), "relu": ("relu",),
            "identity": ("identity", "identity_grad"), "sigmoid_grad": ("sigmoid_grad",),
            "tanh_grad": ("tanh_grad",), "relu_grad": ("relu_grad",)}
WITH_ALPHA = ("leaky_relu", "leaky_relu_grad")
FUNCTION_NAMES = tuple(f for names in COMPARED.values() for f in names) + WITH_ALPHA
# A derivative is graded on its own: the forward functions it may call are the reference's.
FORWARD = ("sigmoid", "tanh", "relu", "leaky_relu")
# Bounded values (in [-1, 1]) that correct formulas reach through cancellation (1 - s,
# 1 - t**2, 0.5 * (1 + tanh(x / 2))) are accurate to float32's eps absolutely, like 1 - 1e-20
# next to 1: they are compared at the size 1 of the terms; every other function is one formula
# of condition at most 1 (a product, a max, a copy).
BOUNDED = ("sigmoid", "tanh", "sigmoid_grad", "tanh_grad")


def tolerance_for(name):
    return tolerance(scale=1.0) if name in BOUNDED else tolerance()


def arrays(dtype):
    """Arrays of any shape: float64 up to ±1000, float32 up to ±100 (exp overflows float32 near 89)."""
    bound = 1e3 if dtype == np.float64 else 1e2
    return mixed_arrays(low=-bound, high=bound, dtype=dtype)


any_float_array = st.sampled_from([np.float64, np.float32]).flatmap(arrays)


def on_its_own(student, reference, name):
    """The student's module, with the reference's forward functions while a derivative is graded."""
    return student.with_reference(reference, *FORWARD) if name.endswith("_grad") else student


def compare(student, reference, name, x, **kwargs):
    """student.<name>(x) equals reference.<name>(x) within what float32 arithmetic may cost."""
    expected = getattr(reference, name)(x, **kwargs)
    got = getattr(on_its_own(student, reference, name), name)(x, **kwargs)
    args = ", ".join(["x"] + [f"{k}={v!r}" for k, v in kwargs.items()])
    expect_close(got, expected, f"{name}({args}) for {x.dtype.name} x", tol=tolerance_for(name))


@pytest.mark.parametrize("name", COMPARED)
@settings(max_examples=14)  # twice the 7 examples its slowest-caught buggy variant needs
@given(x=any_float_array)
def test_matches_reference(student, reference, name, x):
    """Agrees with the reference on float64 and float32 arrays of any shape, extreme values included."""
    for function in COMPARED[name]:
        compare(student, reference, function, x)


@pytest.mark.parametrize("name", WITH_ALPHA)
@given(x=any_float_array, alpha=st.floats(0.0, 0.9))
def test_matches_reference_alpha(student, reference, name, x, alpha):
    """Agrees with the reference for any alpha in [0, 0.9], on arrays of any shape."""
    compare(student, reference, name, x, alpha=alpha)


# Beside the anchors, one value in [1e3, 1e6] and one in [-1e6, -1e3].
EXTREMES = st.sampled_from([np.float64, np.float32]).flatmap(
    lambda dtype: mixed_arrays(low=-1e6, high=1e6, dtype=dtype,
                               anchors=ANCHORS + ((1e3, 1e6), (-1e6, -1e3))))


@pytest.mark.hint("exp of a large positive number is inf, and inf / inf is nan: use exp(-|x|), np.tanh, "
                  "or 1 / (1 + exp(-x)), which is 1 / inf = 0 there.")
@given(x=EXTREMES)
def test_matches_reference_at_extremes(student, reference, x):
    """Every function agrees with the reference (no nan, no inf) for float32/float64 x up to ±1e6."""
    for name in FUNCTION_NAMES:
        compare(student, reference, name, x)

