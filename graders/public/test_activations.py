"""Public self-checks for activations: properties, the course notes' worked numbers, slopes.

A property counts only for an output that is the function's: every check's input holds
values on both sides of 0 (one in [0.5, 2], one in [3, 5], one in [-5, -0.5]), and each
check also asks what only the real function gives there (a curve that rises strictly,
relu's values), so that zeros, a constant or x itself pass none of them.
"""


import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graders.testing.expect import EXACT, CheckFailed, expect_close, expect_shape, expect_true, tolerance
from graders.testing.shared.activations import mixed_arrays

FUNCTIONS = ("step", "sigmoid", "tanh", "relu", "leaky_relu", "identity",
             "sigmoid_grad", "tanh_grad", "relu_grad", "leaky_relu_grad", "identity_grad")
# A step of 1e-2, not 1e-5: code that computes in float32 rounds f(x ± h) by about 1e-7 of
# max(|f|, |x|), which a step of 1e-5 would blow up to 1e-2; the truncation error of a
# central difference, h**2 / 6 * |f'''| <= 4e-5 for these curves, stays below the rounding.
H = 1e-2


def sorted_vectors(low, high):
    """Ascending 1-D arrays of 3 to 8 values (the anchors among them)."""
    return mixed_arrays(low, high, shapes=st.integers(3, 8).map(lambda n: (n,))).map(np.sort)


def expect_rising(x, got, what, *, where=None, gap=0.5, hint=""):
    """``got`` never falls where x grows (beyond rounding) and rises strictly between any two
    points of ``where`` (default |x| <= 5) at least ``gap`` apart, where float32 resolves it."""
    x, got = np.ravel(x), np.ravel(got).astype(np.float64)
    tol = tolerance()
    later = x[:, None] > x[None, :]
    falls = later & (got[:, None] < got[None, :] - tol.atol - tol.rtol * np.abs(got[None, :]))
    expect_true(not np.any(falls), f"{what} decreases somewhere though x grows", got=got, hint=hint)
    inside = (np.abs(x) <= 5) if where is None else np.ravel(where)
    apart = inside[:, None] & inside[None, :] & (x[:, None] - x[None, :] >= gap)
    flat = np.argwhere(apart & (got[:, None] <= got[None, :]))
    if len(flat):
        high, low = flat[0]
        raise CheckFailed(f"{what} should rise strictly with x, but it does not grow from x = {x[low]:g} "
                          f"to x = {x[high]:g}", got=got, hint=hint)


# -- step ---------------------------------------------------------------------------------

@pytest.mark.hint("h(x) = 1 for x > 0 and 0 for x <= 0: use `x > 0`, not `x >= 0`.")
def test_step_course_notes_example(student):
    """step([-1, 0, 1, 2]) is [0, 0, 1, 1] (course notes 004; step(0) = 0)."""
    got = student.step(np.array([-1.0, 0.0, 1.0, 2.0]))
    expect_close(got, [0.0, 0.0, 1.0, 1.0], "step([-1, 0, 1, 2])", tol=EXACT)


@pytest.mark.hint("Compare every element with 0 at once: x > 0, then convert to numbers.")
@given(x=mixed_arrays())
def test_step_is_zero_or_one(student, x):
    """step(x) is 1 exactly where x > 0 and 0 elsewhere, for any shape."""
    got = expect_shape(student.step(x), x.shape, "step(x)")
    expect_close(got, (x > 0).astype(float), "step(x)", tol=EXACT)


# -- sigmoid ------------------------------------------------------------------------------

def test_sigmoid_course_notes_values(student):
    """sigmoid of the net inputs z1..z4 of course notes 001 gives their h1, h2, o1, o2."""
    z = np.array([0.08, 0.11, 0.44498412, 0.68047592])
    expect_close(student.sigmoid(z), [0.51998934, 0.52747230, 0.60944600, 0.66384491],
                 "sigmoid([0.08, 0.11, 0.44498412, 0.68047592])", tol=tolerance(printed_decimals=8),
                 hint="sigmoid(x) = 1 / (1 + exp(-x)).")


@pytest.mark.hint("sigmoid(x) = 1 / (1 + exp(-x)): it grows with x, from 0 to 1, and is 0.5 at 0.")
@given(x=sorted_vectors(-50, 50))
def test_sigmoid_range_and_symmetry(student, x):
    """sigmoid is in [0, 1], rises strictly with x, and sigmoid(-x) = 1 - sigmoid(x)."""
    got = expect_shape(student.sigmoid(x), x.shape, "sigmoid(x)")
    expect_true(np.all((got >= 0) & (got <= 1)), "sigmoid(x) has values outside [0, 1]", got=got)
    expect_rising(x, got, "sigmoid(x) (x sorted ascending)")
    mirrored = expect_shape(student.sigmoid(-x), x.shape, "sigmoid(-x)")
    # 1 - sigmoid(x) cancels near x = 50: compared absolutely, at the size 1 of the terms.
    expect_close(mirrored, 1 - got.astype(float), "sigmoid(-x) compared with 1 - sigmoid(x)",
                 tol=tolerance(scale=1.0))


@pytest.mark.hint("exp(x) / (1 + exp(x)) is inf / inf = nan for x = 1000: use 1 / (1 + exp(-x)) "
                  "(the course notes' formula), or exp(-|x|) on both sides of 0.")
@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=["float64", "float32"])
def test_sigmoid_at_extremes(student, dtype):
    """sigmoid at ±100 and ±1000 (float64 and float32 x) is 0, 0.5 or 1, never nan."""
    x = np.array([-1000.0, -100.0, 0.0, 100.0, 1000.0], dtype=dtype)
    expect_close(student.sigmoid(x), [0.0, 0.0, 0.5, 1.0, 1.0], f"sigmoid({x.tolist()}) for {np.dtype(dtype).name} x",
                 tol=tolerance(scale=1.0))


# -- tanh ---------------------------------------------------------------------------------

@pytest.mark.hint("np.tanh(x) is safe for any x; (exp(x) - exp(-x)) / (exp(x) + exp(-x)) is inf/inf at 1000.")
@given(x=sorted_vectors(-1e3, 1e3))
def test_tanh_odd_and_bounded(student, x):
    """tanh is in [-1, 1], finite up to ±1000, rises strictly with x, and is odd: tanh(-x) = -tanh(x)."""
    got = expect_shape(student.tanh(x), x.shape, "tanh(x)")
    expect_true(np.all(np.isfinite(got)), "tanh(x) contains nan or inf", got=got)
    expect_true(np.all(np.abs(got) <= 1), "tanh(x) has values outside [-1, 1]", got=got)
    expect_rising(x, got, "tanh(x) (x sorted ascending)")
    # Compared absolutely at the size 1 of tanh's values, as 1 - 1e-20 is 1 next to 1.
    expect_close(student.tanh(-x), -got.astype(float), "tanh(-x) compared with -tanh(x)",
                 tol=tolerance(scale=1.0))


# -- relu, leaky relu, identity ---------------------------------------------------------

@pytest.mark.hint("np.maximum(0, x) compares elementwise; np.max(x) reduces the array to one number.")
@given(x=mixed_arrays())
def test_relu_values(student, x):
    """relu(x) is x where x > 0 and 0 elsewhere, for any shape."""
    expect_close(student.relu(x), np.where(x > 0, x, 0.0), "relu(x)")


@pytest.mark.hint("Scale only the inputs that are <= 0: np.where(x > 0, x, alpha * x).")
@given(x=mixed_arrays(), alpha=st.floats(0.0, 0.9))
def test_leaky_relu_values(student, x, alpha):
    """leaky_relu(x, alpha) keeps x > 0 and multiplies x <= 0 by alpha."""
    expect_close(student.leaky_relu(x, alpha), np.where(x > 0, x, alpha * x), f"leaky_relu(x, alpha={alpha!r})")


@pytest.mark.hint("The default slope is alpha=0.01 (the course notes, part 001, plot it with a = 0.1, "
                  "but 0.01 is the usual value).")
def test_leaky_relu_default_alpha(student):
    """Without alpha, leaky_relu and leaky_relu_grad use alpha = 0.01."""
    x = np.array([-2.0, 3.0])
    expect_close(student.leaky_relu(x), [-0.02, 3.0], "leaky_relu([-2, 3])")
    expect_close(student.leaky_relu_grad(x), [0.01, 1.0], "leaky_relu_grad([-2, 3])")


@pytest.mark.hint("The identity returns x's values; its derivative identity_grad is 1 everywhere, "
                  "as an array of x's shape.")
@given(x=mixed_arrays())
def test_identity_and_its_slope(student, x):
    """identity(x) returns x's values and shape; identity_grad(x), its slope, is 1 everywhere."""
    expect_close(student.identity(x), x, "identity(x)")
    expect_close(student.identity_grad(x), np.ones(x.shape), "identity_grad(x)")


# -- derivatives ---------------------------------------------------------------------------

@pytest.mark.hint("Take the sigmoid once: s = sigmoid(x); return s * (1 - s). The course notes, part 001, "
                  "write o * (1 - o) with o the sigmoid's output; sigmoid_grad gets the input.")
def test_sigmoid_grad_course_notes_values(student):
    """sigmoid_grad(z3) = o1 (1 - o1) = 0.23802157 (course notes 001); the maximum is sigmoid_grad(0) = 0.25."""
    z = np.array([0.44498412, 0.68047592, 0.0])
    expect_close(student.sigmoid_grad(z), [0.23802157, 0.22315485, 0.25],
                 "sigmoid_grad([0.44498412, 0.68047592, 0])", tol=tolerance(printed_decimals=8))


@pytest.mark.hint("relu_grad(0) = 0 by convention (use x > 0), and leaky_relu_grad(0) = alpha.")
def test_grads_at_kinks(student):
    """At the kink x = 0: relu_grad(0) = 0 and leaky_relu_grad(0, alpha) = alpha; tiny x is on its side."""
    x = np.array([-1e-30, 0.0, 1e-30])
    expect_close(student.relu_grad(x), [0.0, 0.0, 1.0], "relu_grad([-1e-30, 0, 1e-30])")
    expect_close(student.leaky_relu_grad(x, 0.2), [0.2, 0.2, 1.0],
                 "leaky_relu_grad([-1e-30, 0, 1e-30], alpha=0.2)")


def check_slope(f, f_grad, name, x, **kwargs):
    """The student's derivative ``f_grad`` (their `name`_grad) matches the central difference of their ``f``.

    The check passes both functions (not the student module), so that the notebook generator sees
    which of the student's functions the calling check uses.
    """
    upper = expect_shape(f(x + H, **kwargs), x.shape, f"{name}(x + h)").astype(float)
    lower = expect_shape(f(x - H, **kwargs), x.shape, f"{name}(x - h)").astype(float)
    # f(x ± h) rounds by about eps * max(1, |x|) (slopes are at most 1), the quotient divides
    # that by h; the slopes are compared absolutely at their size 1.
    tol = tolerance(condition=max(1.0, float(np.max(np.abs(x)))) / H, scale=1.0)
    expect_close(f_grad(x, **kwargs), (upper - lower) / (2 * H),
                 f"{name}_grad(x) compared with the slope (f(x+h) - f(x-h)) / 2h of your {name}, h = {H}",
                 tol=tol)


@pytest.mark.hint("d/dx sigmoid(x) = sigmoid(x) * (1 - sigmoid(x)).")
@given(x=mixed_arrays(low=-20, high=20))
def test_sigmoid_grad_matches_slope(student, x):
    """sigmoid_grad is the slope of sigmoid (central difference), for any shape; sigmoid rises strictly."""
    expect_rising(x, expect_shape(student.sigmoid(x), x.shape, "sigmoid(x)"), "sigmoid(x)")
    check_slope(student.sigmoid, student.sigmoid_grad, "sigmoid", x)


@pytest.mark.hint("d/dx tanh(x) = 1 - tanh(x)**2.")
@given(x=mixed_arrays(low=-10, high=10))
def test_tanh_grad_matches_slope(student, x):
    """tanh_grad is the slope of tanh (central difference), for any shape; tanh rises strictly."""
    expect_rising(x, expect_shape(student.tanh(x), x.shape, "tanh(x)"), "tanh(x)")
    check_slope(student.tanh, student.tanh_grad, "tanh", x)


def away_from_kink(x):
    """x with every element closer than 2h to the kink at 0 moved to 1."""
    return np.where(np.abs(x) < 2 * H, 1.0, x)


@pytest.mark.hint("The slope of relu is 1 for x > 0 and 0 for x < 0; leaky relu's is 1 and alpha.")
@given(x=mixed_arrays(low=-10, high=10).map(away_from_kink), alpha=st.floats(0.0, 0.9))
def test_relu_grads_match_slope(student, x, alpha):
    """relu_grad and leaky_relu_grad are the slopes of relu and leaky_relu away from the kink at 0."""
    got = expect_shape(student.relu(x), x.shape, "relu(x)")
    expect_true(np.all(got[x < 0] == 0), "relu(x) should be 0 where x < 0", got=got)
    expect_rising(x, got, "relu(x) for x > 0", where=(x > 0) & (x <= 5))
    check_slope(student.relu, student.relu_grad, "relu", x)
    check_slope(student.leaky_relu, student.leaky_relu_grad, "leaky_relu", x, alpha=alpha)


# -- every function -------------------------------------------------------------------------

@pytest.mark.hint("Work on the whole array at once (no loops over one axis), and return numbers: "
                  "a comparison like x > 0 gives True/False, convert it with .astype(np.float64).")
@given(x=mixed_arrays(low=-10, high=10))
def test_shapes_and_dtypes(student, x):
    """Every function returns an array of x's shape that depends on x: floats (step may give ints), not bools."""
    for name in FUNCTIONS:
        got = expect_shape(getattr(student, name)(x), x.shape, f"{name}(x)")
        allowed = "fiu" if name == "step" else "f"
        expect_true(got.dtype.kind in allowed, f"{name}(x) should hold numbers ({'int or ' if name == 'step' else ''}"
                    "float), not True/False", got=f"dtype {got.dtype}")
        if name in ("identity", "identity_grad"):
            continue   # x itself and 1 everywhere are what they give
        expect_true(np.ptp(got) > 0, f"{name}(x) gives the same value everywhere, though x holds values on "
                    "both sides of 0", got=got)
        expect_true(not np.array_equal(got, x), f"{name}(x) gives x back unchanged", got=got)
