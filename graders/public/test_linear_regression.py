"""Public self-checks for linear_regression: the first epoch by hand, planted lines, a falling cost.

The expected (W, b) after n epochs are worked out here in float64 (the docstring's formulas),
and a fit computed in float32 is fine: the comparisons allow float32 rounding, compounded
over the epochs and the sums over the m points.
"""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graders.testing import strategies as s
from graders.testing.expect import expect_close, expect_shape, expect_true, tolerance
from graders.testing.shared.linear_regression import descent_path

PAIR_HINT = "Return the pair (W, b) of floats, e.g. `return float(W), float(b)`."
GRADIENT_HINT = ("With e = W*x + b - y: dJ/dW = mean(e * x) and dJ/db = mean(e) (the 1/2 in J cancels "
                 "the 2, the 1/m stays); then W -= lr * dJ/dW and b -= lr * dJ/db, both from the same e.")


def fitted(got, what: str) -> np.ndarray:
    """The student's (W, b) as a float64 array of 2, or a failed check saying what came back instead."""
    pair = expect_shape(got, (2,), what, hint=PAIR_HINT)
    expect_true(np.all(np.isfinite(pair)), f"{what} contains nan or inf", got=pair, hint=GRADIENT_HINT)
    return pair.astype(np.float64)


def cost(x: np.ndarray, y: np.ndarray, W: float, b: float) -> float:
    """Course notes 000's J(W, b) = 1/(2m) Σ (W·x_i + b - y_i)²."""
    return float(np.mean((W * x + b - y) ** 2) / 2)


def curvature(x: np.ndarray) -> np.ndarray:
    """J's Hessian in (W, b): [[mean x², mean x], [mean x, 1]]."""
    return np.array([[np.mean(x * x), np.mean(x)], [np.mean(x), 1.0]])


def fit_tolerance(x: np.ndarray, y: np.ndarray, lr: float, W: float, b: float):
    """What float32 rounding may cost a fit that has converged.

    In float32 an update smaller than half a unit of W or b is lost, so the iteration settles
    anywhere the step lr·gradient falls below that: up to eps·|(W, b)| / (lr·smallest curvature)
    away from the exact fit.
    """
    smallest = float(np.min(np.linalg.eigvalsh(curvature(x))))
    return tolerance(condition=1 / (lr * smallest), scale=max(abs(W), abs(b), float(np.max(np.abs(y)))))


def data(min_m: int = 1, max_m: int = 20, low: float = -2, high: float = 2):
    """Pairs (x, y) of float64 arrays of one length m."""
    return st.integers(min_m, max_m).flatmap(
        lambda m: st.tuples(s.float_arrays(shape=(m,), low=low, high=high),
                            s.float_arrays(shape=(m,), low=low, high=high)))


@pytest.mark.hint(GRADIENT_HINT + " W and b start at 0.0 (not at random values).")
@given(xy=data(), lr=s.floats(0.001, 0.5))
def test_first_epoch_by_hand(student, xy, lr):
    """0 epochs give (0.0, 0.0); from there every error is -y_i, so one epoch gives (lr·mean(x·y), lr·mean(y))."""
    x, y = xy
    got = fitted(student.fit_linear_regression(x, y, lr, 0), f"fit_linear_regression(x, y, {lr:g}, 0)")
    expect_close(got, [0.0, 0.0], "(W, b) after 0 epochs", tol=tolerance(),
                 hint="W and b start at 0.0 (not at random values), so that 0 epochs give (0.0, 0.0).")
    got = fitted(student.fit_linear_regression(x, y, lr, 1), f"fit_linear_regression(x, y, {lr:g}, 1)")
    # mean(x·y) may cancel to near 0: compare it relative to the size of its terms.
    tol = tolerance(steps=len(x) + 2, scale=lr * float(max(np.mean(np.abs(x * y)), np.mean(np.abs(y)))))
    expect_close(got, [lr * np.mean(x * y), lr * np.mean(y)], "(W, b) after 1 epoch", tol=tol, hint=GRADIENT_HINT)


@pytest.mark.hint(GRADIENT_HINT)
def test_classic_example(student):
    """x = [1, 2, 3], y = [2, 4, 6] (y = 2x): 2000 epochs with lr 0.1 give W = 2, b = 0."""
    x, y = np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.0])
    what = "fit_linear_regression([1, 2, 3], [2, 4, 6], 0.1, 2000)"
    got = fitted(student.fit_linear_regression(x, y, 0.1, 2000), what)
    expect_close(got, descent_path(x, y, 0.1, 2000)[-1], "(W, b)", tol=fit_tolerance(x, y, 0.1, 2.0, 0.0))


@pytest.mark.hint(GRADIENT_HINT)
@given(W=s.floats(-3, 3), b=s.floats(-3, 3), m=st.integers(3, 30), shift=s.floats(-1, 1))
def test_recovers_planted_line(student, W, b, m, shift):
    """On noiseless points y = W·x + b (x spread over [shift-1, shift+1]) the fit finds W and b."""
    x = np.linspace(shift - 1, shift + 1, m)
    y = W * x + b
    got = student.fit_linear_regression(x, y, 0.3, 1500)
    # 1500 epochs leave (1 - 0.3·smallest curvature)**1500 < 1e-20 of the way: (W, b) up to rounding.
    expect_close(fitted(got, "fit_linear_regression(x, W·x + b, 0.3, 1500)"), [W, b],
                 f"(W, b) fitted to the line y = {W:g}·x + {b:g}", tol=fit_tolerance(x, y, 0.3, W, b))


@pytest.mark.hint("Step against the gradient: W -= lr * dJ/dW (a + here climbs the cost).")
@given(xy=data(min_m=2), lr=s.floats(0.01, 0.3), epochs=st.integers(0, 20))
def test_cost_never_rises(student, xy, lr, epochs):
    """With a small learning rate every epoch lowers (or keeps) the cost J = 1/(2m) Σ (Wx + b - y)².

    The first epoch lowers it by at least lr·(1 - lr·L/2)·|∇J|² (L: J's largest curvature), and
    no later epoch raises it again.
    """
    x, y = xy
    what = f"fit_linear_regression(x, y, {lr:g}, {epochs})"
    first = fitted(student.fit_linear_regression(x, y, lr, epochs), what)
    again = fitted(student.fit_linear_regression(x, y, lr, epochs), what)
    # A random start would make the comparison below a coin toss; say so instead.
    expect_true(np.array_equal(first, again), f"{what} gave two different results for the same input",
                expected=first, got=again, hint="Start from W = b = 0.0, with no randomness.")
    later = fitted(student.fit_linear_regression(x, y, lr, epochs + 1),
                   f"fit_linear_regression(x, y, {lr:g}, {epochs + 1})")
    before, after = cost(x, y, *first), cost(x, y, *later)
    start = cost(x, y, 0.0, 0.0)
    g = np.array([np.mean(-y * x), np.mean(-y)])
    largest = float(np.max(np.linalg.eigvalsh(curvature(x))))
    # The float32 rounding of (W, b) moves J by about |e|·|x|·(its size): relative to where J started.
    allowed = tolerance(steps=(epochs + 1) * len(x) + 1, scale=start).atol
    expect_true(after <= before + allowed,
                f"the cost rose from epoch {epochs} to epoch {epochs + 1} (lr = {lr:g})",
                expected=f"J <= {before:.8g}", got=f"J = {after:.8g}")
    bound = start - lr * (1 - lr * largest / 2) * float(g @ g)
    expect_true(after <= bound + allowed,
                f"after {epochs + 1} epoch(s) the cost should be below {bound:.8g} (J at W = b = 0 is "
                f"{start:.8g}, and the first epoch lowers it by lr·(1 - lr·L/2)·|∇J|²)",
                expected=f"J <= {bound:.8g}", got=f"J = {after:.8g}", hint=GRADIENT_HINT)
