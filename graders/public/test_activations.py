"""Public self-checks for activations: properties, the seeds' worked numbers, slopes."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graders import strategies as s
from graders.expect import expect_close, expect_shape, expect_true

FUNCTIONS = ("step", "sigmoid", "tanh", "relu", "leaky_relu", "identity",
             "sigmoid_grad", "tanh_grad", "relu_grad", "leaky_relu_grad")
OVERFLOW_HINT = ("Never call np.exp on a large positive number: use e = np.exp(-np.abs(x)), then "
                 "1 / (1 + e) for x >= 0 and e / (1 + e) for x < 0. np.where evaluates both branches.")
H = 1e-5  # step of the central difference


def central_difference(f, x, name):
    """(f(x + h) - f(x - h)) / 2h elementwise, f being the student's function `name`."""
    upper = expect_shape(f(x + H), x.shape, f"{name}(x + h)")
    lower = expect_shape(f(x - H), x.shape, f"{name}(x - h)")
    return (upper.astype(float) - lower.astype(float)) / (2 * H)


def away_from_zero(x, margin=1e-3):
    """x with every element closer than `margin` to the kink at 0 moved to 1."""
    return np.where(np.abs(x) < margin, 1.0, x)


# -- step ---------------------------------------------------------------------------------

@pytest.mark.hint("h(x) = 1 for x > 0 and 0 for x <= 0: use `x > 0`, not `x >= 0`.")
def test_step_seed_example(student):
    """step([-1, 0, 1, 2]) is [0, 0, 1, 1] (seed 004; step(0) = 0)."""
    got = student.step(np.array([-1.0, 0.0, 1.0, 2.0]))
    expect_close(got, [0.0, 0.0, 1.0, 1.0], "step([-1, 0, 1, 2])")


@pytest.mark.hint("Compare every element with 0 at once: x > 0, then convert to numbers.")
@settings(max_examples=20)
@given(x=s.float_arrays(low=-1e3, high=1e3))
def test_step_is_zero_or_one(student, x):
    """step(x) is 1 exactly where x > 0 and 0 elsewhere, for any shape."""
    got = expect_shape(student.step(x), x.shape, "step(x)")
    expect_close(got, (x > 0).astype(float), "step(x)", atol=0)


# -- sigmoid ------------------------------------------------------------------------------

def test_sigmoid_seed_values(student):
    """sigmoid of seed 001's net inputs z1..z4 gives h1, h2, o1, o2."""
    z = np.array([0.08, 0.11, 0.44498412, 0.68047592])
    expect_close(student.sigmoid(z), [0.51998934, 0.52747230, 0.60944600, 0.66384491],
                 "sigmoid([0.08, 0.11, 0.44498412, 0.68047592])", rtol=0, atol=5e-9,
                 hint="sigmoid(x) = 1 / (1 + exp(-x)).")


@pytest.mark.hint("sigmoid(x) = 1 / (1 + exp(-x)): it grows with x, from 0 to 1.")
@given(x=s.float_arrays(shape=s.shapes(1, 1, max_side=8), low=-50, high=50))
def test_sigmoid_range_and_symmetry(student, x):
    """sigmoid is in [0, 1], increasing, and sigmoid(-x) = 1 - sigmoid(x)."""
    x = np.sort(x)
    got = expect_shape(student.sigmoid(x), x.shape, "sigmoid(x)")
    expect_true(np.all((got >= 0) & (got <= 1)), "sigmoid(x) has values outside [0, 1]", got=got)
    expect_true(np.all(np.diff(got) >= 0), "sigmoid(x) decreases somewhere (x is sorted ascending)",
                got=got)
    mirrored = expect_shape(student.sigmoid(-x), x.shape, "sigmoid(-x)")
    expect_close(mirrored, 1 - got, "sigmoid(-x) compared with 1 - sigmoid(x)", rtol=0, atol=1e-12)


@pytest.mark.hint(OVERFLOW_HINT)
@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=["float64", "float32"])
def test_sigmoid_no_overflow(student, dtype):
    """sigmoid at ±100 and ±1000 (float64 and float32): right values, no overflow warning, no nan."""
    x = np.array([-1000.0, -100.0, 0.0, 100.0, 1000.0], dtype=dtype)
    got = student.with_numpy_errors().sigmoid(x)
    expect_close(got, [0.0, 0.0, 0.5, 1.0, 1.0], f"sigmoid({x.tolist()}) for {np.dtype(dtype).name} x",
                 rtol=0, atol=1e-12)


# -- tanh ---------------------------------------------------------------------------------

@pytest.mark.hint("np.tanh(x) is safe for any x; (exp(x) - exp(-x)) / (exp(x) + exp(-x)) is inf/inf at 1000.")
@given(x=s.float_arrays(shape=s.shapes(1, 1, max_side=8), low=-1e3, high=1e3))
def test_tanh_odd_and_bounded(student, x):
    """tanh is in [-1, 1], finite up to ±1000, increasing, and odd: tanh(-x) = -tanh(x)."""
    x = np.sort(x)
    got = expect_shape(student.tanh(x), x.shape, "tanh(x)")
    expect_true(np.all(np.isfinite(got)), "tanh(x) contains nan or inf", got=got)
    expect_true(np.all(np.abs(got) <= 1), "tanh(x) has values outside [-1, 1]", got=got)
    expect_true(np.all(np.diff(got) >= 0), "tanh(x) decreases somewhere (x is sorted ascending)", got=got)
    expect_close(student.tanh(-x), -got, "tanh(-x) compared with -tanh(x)", rtol=0, atol=1e-12)


# -- relu, leaky relu, identity ---------------------------------------------------------

@pytest.mark.hint("np.maximum(0, x) compares elementwise; np.max(x) reduces the array to one number.")
@given(x=s.float_arrays(low=-1e3, high=1e3))
def test_relu_values(student, x):
    """relu(x) is x where x > 0 and 0 elsewhere, for any shape."""
    expect_close(student.relu(x), np.where(x > 0, x, 0.0), "relu(x)", rtol=0, atol=0)


@pytest.mark.hint("Scale only the inputs that are <= 0: np.where(x > 0, x, alpha * x).")
@given(x=s.float_arrays(low=-1e3, high=1e3), alpha=st.floats(0.0, 0.9))
def test_leaky_relu_values(student, x, alpha):
    """leaky_relu(x, alpha) keeps x > 0 and multiplies x <= 0 by alpha."""
    expect_close(student.leaky_relu(x, alpha), np.where(x > 0, x, alpha * x),
                 f"leaky_relu(x, alpha={alpha!r})", rtol=1e-12, atol=0)


@pytest.mark.hint("The default slope is alpha=0.01 (seed 001 plots it with a = 0.1, but 0.01 is the usual value).")
def test_leaky_relu_default_alpha(student):
    """Without alpha, leaky_relu and leaky_relu_grad use alpha = 0.01."""
    x = np.array([-2.0, 3.0])
    expect_close(student.leaky_relu(x), [-0.02, 3.0], "leaky_relu([-2, 3])", rtol=1e-12)
    expect_close(student.leaky_relu_grad(x), [0.01, 1.0], "leaky_relu_grad([-2, 3])", rtol=1e-12)


@pytest.mark.hint("The identity returns x itself (its derivative is 1, but that is not asked here).")
@settings(max_examples=20)
@given(x=s.float_arrays(low=-1e3, high=1e3))
def test_identity_returns_input(student, x):
    """identity(x) returns the same values and shape as x."""
    expect_close(student.identity(x), x, "identity(x)", rtol=0, atol=0)


# -- derivatives ---------------------------------------------------------------------------

@pytest.mark.hint("Take the sigmoid once: s = sigmoid(x); return s * (1 - s). Seed 001 writes o * (1 - o) "
                  "with o the sigmoid's output; sigmoid_grad gets the input.")
def test_sigmoid_grad_seed_values(student):
    """sigmoid_grad(z3) = o1 (1 - o1) = 0.23802157 (seed 001); the maximum is sigmoid_grad(0) = 0.25."""
    z = np.array([0.44498412, 0.68047592, 0.0])
    expect_close(student.sigmoid_grad(z), [0.23802157, 0.22315485, 0.25],
                 "sigmoid_grad([0.44498412, 0.68047592, 0])", rtol=0, atol=5e-9)


@pytest.mark.hint("relu_grad(0) = 0 by convention (use x > 0), and leaky_relu_grad(0) = alpha.")
def test_grads_at_kinks(student):
    """At the kink x = 0: relu_grad(0) = 0 and leaky_relu_grad(0, alpha) = alpha; tiny x is on its side."""
    x = np.array([-1e-300, 0.0, 1e-300])
    expect_close(student.relu_grad(x), [0.0, 0.0, 1.0], "relu_grad([-1e-300, 0, 1e-300])", atol=0)
    expect_close(student.leaky_relu_grad(x, 0.2), [0.2, 0.2, 1.0],
                 "leaky_relu_grad([-1e-300, 0, 1e-300], alpha=0.2)", atol=0)


def check_slope(student, name, x, **kwargs):
    """The student's derivative `name`_grad matches the central difference of their `name`."""
    f = getattr(student, name)
    numeric = central_difference(lambda v: f(v, **kwargs), x, name)
    expect_close(getattr(student, f"{name}_grad")(x, **kwargs), numeric,
                 f"{name}_grad(x) compared with the slope (f(x+h) - f(x-h)) / 2h of your {name}",
                 rtol=1e-5, atol=1e-6)


@pytest.mark.hint("d/dx sigmoid(x) = sigmoid(x) * (1 - sigmoid(x)).")
@settings(max_examples=20)
@given(x=s.float_arrays(low=-20, high=20))
def test_sigmoid_grad_matches_slope(student, x):
    """sigmoid_grad is the slope of sigmoid (central difference), for any shape."""
    check_slope(student, "sigmoid", x)


@pytest.mark.hint("d/dx tanh(x) = 1 - tanh(x)**2.")
@settings(max_examples=20)
@given(x=s.float_arrays(low=-10, high=10))
def test_tanh_grad_matches_slope(student, x):
    """tanh_grad is the slope of tanh (central difference), for any shape."""
    check_slope(student, "tanh", x)


@pytest.mark.hint("The slope of relu is 1 for x > 0 and 0 for x < 0; leaky relu's is 1 and alpha.")
@settings(max_examples=20)
@given(x=s.float_arrays(low=-100, high=100).map(away_from_zero), alpha=st.floats(0.0, 0.9))
def test_relu_grads_match_slope(student, x, alpha):
    """relu_grad and leaky_relu_grad are the slopes of relu and leaky_relu away from the kink."""
    check_slope(student, "relu", x)
    check_slope(student, "leaky_relu", x, alpha=alpha)


# -- every function -------------------------------------------------------------------------

@pytest.mark.hint("Work on the whole array at once (no loops over one axis), and return numbers: "
                  "a comparison like x > 0 gives True/False, convert it with .astype(np.float64).")
@settings(max_examples=15)
@given(x=s.float_arrays(low=-10, high=10))
def test_shapes_and_dtypes(student, x):
    """Every function returns an array of x's shape: floats (step may give ints), never True/False."""
    for name in FUNCTIONS:
        got = expect_shape(getattr(student, name)(x), x.shape, f"{name}(x)")
        allowed = "fiu" if name == "step" else "f"
        expect_true(got.dtype.kind in allowed, f"{name}(x) should hold numbers ({'int or ' if name == 'step' else ''}"
                    "float), not True/False", got=f"dtype {got.dtype}")


@pytest.mark.hint("Do not assign into x (x[x < 0] = 0 changes the caller's array): build a new array "
                  "with np.maximum, np.where or x.copy().")
@settings(max_examples=10)
@given(x=s.float_arrays(low=-10, high=10))
def test_input_not_modified(student, x):
    """No function changes the array it is given."""
    for name in FUNCTIONS:
        arg = x.copy()
        getattr(student, name)(arg)
        expect_true(np.array_equal(arg, x), f"{name}(x) changed the values of its argument x", got=arg, expected=x)
