"""Public self-checks for gradients: analytic gradients of known functions and seed 003's examples.

numerical_gradient is checked against gradients worked out by hand, with CS231n's
relative error: |numerical - analytic| / max(1, |numerical| + |analytic|). A central
difference with h = 1e-4 in float64 stays below 1e-6 on these functions; a forward
difference, a float32 copy of x or a wrong step land well above it.

gradient_descent is checked on its own: during those calls your module's
numerical_gradient is replaced by the exact gradient (run in the grader), so a slip
in one function does not cost the other's points. One check runs the two together.
"""
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graders import strategies as s
from graders.expect import expect_close, expect_equal, expect_shape, expect_true

BAND = 1e-6  # largest relative error accepted for a central difference in float64
CENTRAL_HINT = ("Use the central difference (f(x + h) - f(x - h)) / (2 * h) with float64 x; "
                "a forward difference (f(x + h) - f(x)) / h is only accurate to about h.")
ANY_SHAPE_HINT = ("Loop over every index of x, e.g. `for idx in np.ndindex(x.shape):`; "
                  "range(len(x)) or range(x.size) only works for 1-D x.")
RESTORE_HINT = "Save x[idx] before changing it and put the saved value back after the two f calls."
GD_HINT = "x <- x - lr * numerical_gradient(f, x), repeated `steps` times, starting from a copy of init_x."

SMALL_SHAPES = s.shapes(1, 3, max_side=3)  # every element costs two calls of f: keep x small


def relative_error(got: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """CS231n's relative error, elementwise, with absolute error where both are below 1."""
    return np.abs(got - expected) / np.maximum(1.0, np.abs(got) + np.abs(expected))


def expect_gradient(got, expected, what: str, band: float = BAND, hint: str = CENTRAL_HINT) -> np.ndarray:
    """``got`` is a finite float array shaped like ``expected`` within ``band`` relative error."""
    expected = np.asarray(expected, dtype=np.float64)
    arr = expect_shape(got, expected.shape, what, hint)
    expect_true(np.all(np.isfinite(arr)), f"{what} contains nan or inf", got=arr, hint=hint)
    err = float(np.max(relative_error(arr.astype(np.float64), expected), initial=0.0))
    expect_true(err <= band, f"{what} is off: relative error {err:.2g}, more than {band:g}",
                expected=expected, got=arr, hint=hint)
    return arr


# -- functions the student's code differentiates (they run in the grader) ------------------
def function_2(x):
    """The textbook's f(x0, x1) = x0**2 + x1**2."""
    return float(np.sum(np.asarray(x, dtype=np.float64) ** 2))


def seed_g(p):
    """Seed 003's g(x, y, z) = 3x^2 y + x y^2 z + 2x + yz."""
    x, y, z = np.asarray(p, dtype=np.float64)
    return float(3 * x**2 * y + x * y**2 * z + 2 * x + y * z)


def seed_chain(x):
    """Seed 003's y = (3x^2 + 2)^2, for x of shape (1,)."""
    return float(np.sum((3 * np.asarray(x, dtype=np.float64) ** 2 + 2) ** 2))


def sum_of_sines(x):
    return float(np.sum(np.sin(np.asarray(x, dtype=np.float64))))


def sum_of_cubes(x):
    return float(np.sum(np.asarray(x, dtype=np.float64) ** 3))


def product(x):
    return float(np.prod(np.asarray(x, dtype=np.float64)))


def weighted_squares(shape):
    """f(x) = sum_i c_i x_i^2 with c_i = 1, 2, 3, ... in x's own layout, and its gradient 2 c x."""
    c = np.arange(1.0, np.prod(shape) + 1).reshape(shape)

    def f(x):
        return float(np.sum(c * np.asarray(x, dtype=np.float64) ** 2))

    return f, lambda x: 2 * c * x


def exact_gradient(grad):
    """A stand-in for the student's numerical_gradient that returns ``grad(x)`` exactly."""
    return SimpleNamespace(numerical_gradient=lambda f, x, h=1e-4: grad(np.asarray(x, dtype=np.float64)))


# -- numerical_gradient ------------------------------------------------------------------------
@pytest.mark.hint(CENTRAL_HINT)
def test_seed_partial_derivatives(student):
    """Seed 003's g = 3x²y + xy²z + 2x + yz: the gradient at (1, 2, 3) is (26, 18, 6)."""
    got = student.numerical_gradient(seed_g, np.array([1.0, 2.0, 3.0]))
    expect_gradient(got, [26.0, 18.0, 6.0], "numerical_gradient(g, [1, 2, 3])")


def test_seed_chain_rule_example(student):
    """Seed 003's y = (3x² + 2)²: dy/dx = 2(3x² + 2)·6x, which is 60 at x = 1."""
    got = student.numerical_gradient(seed_chain, np.array([1.0]))
    expect_gradient(got, [60.0], "numerical_gradient((3x² + 2)², [1.0])")


def test_function_2_example(student):
    """The textbook's x0² + x1²: gradients (6, 8) at (3, 4), (0, 4) at (0, 2), (6, 0) at (3, 0)."""
    for point, grad in [((3.0, 4.0), (6.0, 8.0)), ((0.0, 2.0), (0.0, 4.0)), ((3.0, 0.0), (6.0, 0.0))]:
        got = student.numerical_gradient(function_2, np.array(point))
        expect_gradient(got, grad, f"numerical_gradient(x0² + x1², {list(point)})")


@pytest.mark.hint(ANY_SHAPE_HINT)
@settings(max_examples=12)
@given(x=s.float_arrays(shape=SMALL_SHAPES, low=-3, high=3))
def test_works_for_any_shape(student, x):
    """Σ c_i·x_i² (c = 1, 2, 3, ...) has gradient 2c·x for x of any shape: 1-D, 2-D or 3-D."""
    f, grad = weighted_squares(x.shape)
    got = expect_gradient(student.numerical_gradient(f, x.copy()), grad(x),
                          "numerical_gradient(f, x)", hint=ANY_SHAPE_HINT)
    expect_equal(str(got.dtype), "float64", "the dtype of numerical_gradient(f, x)",
                 hint="Make the result float64, e.g. grad = np.zeros(x.shape, dtype=np.float64).")


@pytest.mark.hint(RESTORE_HINT)
@settings(max_examples=12)
@given(x=s.float_arrays(shape=SMALL_SHAPES, low=-3, high=3))
def test_x_is_restored(student, x):
    """After numerical_gradient(f, x) returns, every element of x holds its original value again."""
    work = x.copy()
    student.numerical_gradient(sum_of_sines, work)
    expect_close(work, x, "x after numerical_gradient(f, x)", rtol=1e-12, atol=1e-12, hint=RESTORE_HINT)


@pytest.mark.hint(CENTRAL_HINT)
@settings(max_examples=12)
@given(x=s.float_arrays(shape=s.shapes(1, 2, max_side=4), low=-3, high=3))
def test_sine_gradient(student, x):
    """Σ sin(x) has gradient cos(x)."""
    expect_gradient(student.numerical_gradient(sum_of_sines, x.copy()), np.cos(x),
                    "numerical_gradient(Σ sin x, x)")


@pytest.mark.hint(CENTRAL_HINT)
@settings(max_examples=12)
@given(x=s.float_arrays(shape=s.shapes(1, 2, max_side=4), low=-3, high=3))
def test_cubic_is_precise(student, x):
    """Σ x³ has gradient 3x²: a central difference is off by only h² = 1e-8."""
    expect_gradient(student.numerical_gradient(sum_of_cubes, x.copy()), 3 * x**2,
                    "numerical_gradient(Σ x³, x)")


@pytest.mark.hint("Use the h you are given (the argument), not a fixed 1e-4, and divide by 2 * h.")
@settings(max_examples=12)
@given(x=s.float_arrays(shape=s.shapes(1, 2, max_side=4), low=-3, high=3),
       h=st.sampled_from([1e-2, 3e-3, 1e-3]))
def test_uses_the_given_h(student, x, h):
    """With step h, the central difference of Σ x³ is exactly 3x² + h²."""
    got = student.numerical_gradient(sum_of_cubes, x.copy(), h)
    expect_close(got, 3 * x**2 + h**2, f"numerical_gradient(Σ x³, x, h={h:g})", rtol=1e-9, atol=1e-8)


@pytest.mark.hint(RESTORE_HINT)
@settings(max_examples=12)
@given(x=s.float_arrays(shape=s.shapes(1, 1, min_side=2, max_side=4), low=0.5, high=2))
def test_product_gradient(student, x):
    """x0·x1·…·xn: the derivative by x_i is the product of all the others (needs x restored as you go)."""
    expected = np.array([np.prod(np.delete(x, i)) for i in range(x.size)])
    expect_gradient(student.numerical_gradient(product, x.copy()), expected,
                    "numerical_gradient(x0·x1·…, x)", hint=RESTORE_HINT)


# -- gradient_descent -------------------------------------------------------------------------
@pytest.mark.hint(GD_HINT)
def test_gradient_descent_function_2_example(student):
    """The textbook's run: x0² + x1² from (-3, 4) with lr 0.1 for 100 steps ends near (0, 0)."""
    got = student.gradient_descent(function_2, np.array([-3.0, 4.0]), 0.1, 100)
    expect_close(got, [-3 * 0.8**100, 4 * 0.8**100], "gradient_descent(x0² + x1², [-3, 4], 0.1, 100)",
                 rtol=1e-4, atol=1e-13)


@pytest.mark.hint(GD_HINT)
@given(x=s.float_arrays(shape=s.shapes(1, 2, max_side=4), low=-5, high=5),
       lr=s.floats(0.005, 0.05), steps=st.integers(0, 20))
def test_gradient_descent_on_a_quadratic(student, x, lr, steps):
    """On Σ c_i·x_i², each step multiplies x_i by (1 - 2·lr·c_i): after n steps x·(1 - 2·lr·c)ⁿ."""
    f, grad = weighted_squares(x.shape)
    c = grad(np.ones(x.shape)) / 2
    got = student.with_reference(exact_gradient(grad), "numerical_gradient").gradient_descent(
        f, x.copy(), lr, steps)
    expect_close(got, x * (1 - 2 * lr * c) ** steps, f"gradient_descent(f, x, lr={lr:g}, steps={steps})",
                 rtol=1e-9, atol=1e-12)


@pytest.mark.hint("`x = init_x` makes x another name for the caller's array: copy it first "
                  "(x = np.array(init_x, dtype=np.float64)).")
@settings(max_examples=10)
@given(x=s.float_arrays(shape=s.shapes(1, 2, max_side=4), low=-5, high=5), steps=st.integers(1, 5))
def test_init_x_is_unchanged(student, x, steps):
    """gradient_descent leaves the caller's init_x as it was."""
    f, grad = weighted_squares(x.shape)
    init_x = x.copy()
    student.with_reference(exact_gradient(grad), "numerical_gradient").gradient_descent(f, init_x, 0.1, steps)
    expect_close(init_x, x, "init_x after gradient_descent(f, init_x, 0.1, steps)", rtol=0, atol=0)
