"""Public self-checks for gradients: central differences of known functions, course notes 003's examples.

numerical_gradient is checked against what the central difference gives exactly: for the
polynomials of degree 2 here that is the derivative itself, for Σ x³ it is 3x² + h², for
Σ sin x it is cos(x)·sin(h)/h. What is allowed on top is rounding: float64 rounding of
f(x + h) - f(x - h), which the quotient divides by 2h, and one float32 rounding of the
quotient. A forward difference, a float32 copy of x or a wrong step land far outside.

numerical_gradient may change x while it works, but x must hold its values again (up to
float64 rounding) when it returns: the checks give it a copy and look at it afterwards.

gradient_descent is checked on its own: during those calls your module's
numerical_gradient is replaced by the exact gradient (run in the grader), so a slip
in one function does not cost the other's points. One check runs the two together.
gradient_descent must leave init_x as it was: a call that changes it fails its check.
"""
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graders.testing import strategies as s
from graders.testing.expect import expect_close, expect_equal, tolerance
from graders.testing.shared.gradients import H, quotient_tolerance

CENTRAL_HINT = ("Use the central difference (f(x + h) - f(x - h)) / (2 * h) on the float64 x you are given; "
                "a forward difference (f(x + h) - f(x)) / h is only accurate to about h.")
ANY_SHAPE_HINT = ("Loop over every index of x, e.g. `for idx in np.ndindex(x.shape):`; "
                  "range(len(x)) or range(x.size) only works for 1-D x.")
RESTORE_HINT = "Save x[idx] before changing it and put the saved value back after the two f calls."
GD_HINT = "x <- x - lr * numerical_gradient(f, x), repeated `steps` times, starting from a copy of init_x."

SMALL_SHAPES = s.shapes(1, 3, max_side=3)  # every element costs two calls of f: keep x small


def gradient_of(student, f, x: np.ndarray, *h) -> np.ndarray:
    """The student's numerical_gradient(f, x[, h]) on a copy of x (which it may change and restore)."""
    return student.with_in_place(1).numerical_gradient(f, x.copy(), *h)


# -- functions the student's code differentiates (they run in the grader) ------------------
def function_2(x):
    """The textbook's f(x0, x1) = x0**2 + x1**2."""
    return float(np.sum(np.asarray(x, dtype=np.float64) ** 2))


def seed_g(p):
    """Course notes 003's g(x, y, z) = 3x^2 y + x y^2 z + 2x + yz."""
    x, y, z = np.asarray(p, dtype=np.float64)
    return float(3 * x**2 * y + x * y**2 * z + 2 * x + y * z)


def seed_chain(x):
    """Course notes 003's y = (3x^2 + 2)^2, for x of shape (1,)."""
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
    return SimpleNamespace(numerical_gradient=lambda f, x, h=H: grad(np.asarray(x, dtype=np.float64)))


# -- numerical_gradient ------------------------------------------------------------------------
@pytest.mark.hint(CENTRAL_HINT)
def test_course_notes_partial_derivatives(student):
    """Course notes 003's g = 3x²y + xy²z + 2x + yz: the gradient at (1, 2, 3) is (26, 18, 6)."""
    point = np.array([1.0, 2.0, 3.0])
    expect_close(gradient_of(student, seed_g, point), [26.0, 18.0, 6.0], "numerical_gradient(g, [1, 2, 3])",
                 tol=quotient_tolerance(H, seed_g(point + H), 4), hint=CENTRAL_HINT)


@pytest.mark.hint(CENTRAL_HINT)
def test_course_notes_chain_rule_example(student):
    """Course notes 003's y = (3x² + 2)²: dy/dx = 2(3x² + 2)·6x, which is 60 at x = 1."""
    # (3x² + 2)² = 9x⁴ + 12x² + 4: the central difference of x⁴ adds 4x·h², so 36h² in all.
    expect_close(gradient_of(student, seed_chain, np.array([1.0])), [60.0 + 36 * H**2],
                 "numerical_gradient((3x² + 2)², [1.0])", tol=quotient_tolerance(H, seed_chain(1.0 + H)),
                 hint=CENTRAL_HINT)


@pytest.mark.hint(CENTRAL_HINT)
def test_function_2_example(student):
    """The textbook's x0² + x1²: gradients (6, 8) at (3, 4), (0, 4) at (0, 2), (6, 0) at (3, 0)."""
    for point, grad in [((3.0, 4.0), (6.0, 8.0)), ((0.0, 2.0), (0.0, 4.0)), ((3.0, 0.0), (6.0, 0.0))]:
        x = np.array(point)
        expect_close(gradient_of(student, function_2, x), grad, f"numerical_gradient(x0² + x1², {list(point)})",
                     tol=quotient_tolerance(H, function_2(np.abs(x) + H), 2), hint=CENTRAL_HINT)


@pytest.mark.hint(ANY_SHAPE_HINT)
@given(x=s.float_arrays(shape=SMALL_SHAPES, low=-3, high=3))
def test_works_for_any_shape(student, x):
    """Σ c_i·x_i² (c = 1, 2, 3, ...) has gradient 2c·x for x of any shape: 1-D, 2-D or 3-D."""
    f, grad = weighted_squares(x.shape)
    got = expect_close(gradient_of(student, f, x), grad(x), "numerical_gradient(f, x)",
                       tol=quotient_tolerance(H, f(np.abs(x) + H), 2 * x.size), hint=ANY_SHAPE_HINT)
    expect_equal(str(got.dtype), "float64", "the dtype of numerical_gradient(f, x)",
                 hint="Make the result float64, e.g. grad = np.zeros(x.shape, dtype=np.float64).")


@pytest.mark.hint(RESTORE_HINT)
@given(x=s.float_arrays(shape=SMALL_SHAPES, low=-3, high=3))
def test_x_is_restored(student, x):
    """numerical_gradient(Σ sin x, x) gives cos(x) and leaves every element of x as it was."""
    work = x.copy()
    got = student.with_in_place(1).numerical_gradient(sum_of_sines, work)
    expect_close(got, np.cos(x) * np.sin(H) / H, "numerical_gradient(Σ sin x, x)",
                 tol=quotient_tolerance(H, x.size, x.size), hint=CENTRAL_HINT)
    # x[idx] += h, -= 2h, += h rounds three times, each by half a unit of |x[idx]| + 2h.
    expect_close(work, x, "x after numerical_gradient(f, x)",
                 tol=tolerance(dtype=np.float64, steps=3, scale=float(np.max(np.abs(x))) + 2 * H),
                 hint=RESTORE_HINT)


@pytest.mark.hint(CENTRAL_HINT)
@given(x=s.float_arrays(shape=s.shapes(1, 2, max_side=4), low=-3, high=3))
def test_sine_gradient(student, x):
    """Σ sin(x) has gradient cos(x) (the central difference gives cos(x)·sin(h)/h)."""
    expect_close(gradient_of(student, sum_of_sines, x), np.cos(x) * np.sin(H) / H, "numerical_gradient(Σ sin x, x)",
                 tol=quotient_tolerance(H, x.size, x.size), hint=CENTRAL_HINT)


@pytest.mark.hint(CENTRAL_HINT)
@given(x=s.float_arrays(shape=s.shapes(1, 2, max_side=4), low=-3, high=3))
def test_cubic_is_precise(student, x):
    """Σ x³ has gradient 3x²: a central difference is off by only h² = 1e-8."""
    expect_close(gradient_of(student, sum_of_cubes, x), 3 * x**2 + H**2, "numerical_gradient(Σ x³, x)",
                 tol=quotient_tolerance(H, sum_of_cubes(np.abs(x) + H), x.size), hint=CENTRAL_HINT)


@pytest.mark.hint("Use the h you are given (the argument), not a fixed 1e-4, and divide by 2 * h.")
@given(x=s.float_arrays(shape=s.shapes(1, 2, max_side=4), low=-3, high=3),
       h=st.sampled_from([0.5, 0.2, 0.1]))
def test_uses_the_given_h(student, x, h):
    """With step h, the central difference of Σ x³ is exactly 3x² + h² (h large enough to see)."""
    expect_close(gradient_of(student, sum_of_cubes, x, h), 3 * x**2 + h**2, f"numerical_gradient(Σ x³, x, h={h:g})",
                 tol=quotient_tolerance(h, sum_of_cubes(np.abs(x) + h), x.size))


@pytest.mark.hint(RESTORE_HINT)
@given(x=s.float_arrays(shape=s.shapes(1, 1, min_side=2, max_side=4), low=0.5, high=2))
def test_product_gradient(student, x):
    """x0·x1·…·xn: the derivative by x_i is the product of all the others (needs x restored as you go)."""
    expected = np.array([np.prod(np.delete(x, i)) for i in range(x.size)])
    expect_close(gradient_of(student, product, x), expected, "numerical_gradient(x0·x1·…, x)",
                 tol=quotient_tolerance(H, product(x + H), x.size), hint=RESTORE_HINT)


# -- gradient_descent -------------------------------------------------------------------------
@pytest.mark.hint(GD_HINT)
def test_gradient_descent_function_2_example(student):
    """The textbook's run: x0² + x1² from (-3, 4) with lr 0.1 for 100 steps ends near (0, 0).

    Each step multiplies x by 1 - 2·0.1 = 0.8 (the central difference of a square is exact).
    """
    got = student.gradient_descent(function_2, np.array([-3.0, 4.0]), 0.1, 100)
    expect_close(got, [-3 * 0.8**100, 4 * 0.8**100], "gradient_descent(x0² + x1², [-3, 4], 0.1, 100)",
                 tol=tolerance(steps=100))


@pytest.mark.hint(GD_HINT)
@given(x=s.float_arrays(shape=s.shapes(1, 2, max_side=4), low=-5, high=5),
       lr=s.floats(0.005, 0.05), steps=st.integers(0, 20))
def test_gradient_descent_on_a_quadratic(student, x, lr, steps):
    """On Σ c_i·x_i², each step multiplies x_i by (1 - 2·lr·c_i): after n steps x·(1 - 2·lr·c)ⁿ."""
    f, grad = weighted_squares(x.shape)
    c = grad(np.ones(x.shape)) / 2
    got = student.with_reference(exact_gradient(grad), "numerical_gradient").gradient_descent(f, x.copy(), lr, steps)
    # |1 - 2·lr·c| <= 1 here: rounding is not amplified, but x - lr·g may cancel to near 0.
    expect_close(got, x * (1 - 2 * lr * c) ** steps, f"gradient_descent(f, x, lr={lr:g}, steps={steps})",
                 tol=tolerance(steps=steps + 1, scale=float(np.max(np.abs(x)))), hint=GD_HINT)
