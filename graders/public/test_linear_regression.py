"""Public self-checks for linear_regression: the first epoch by hand, planted lines, a falling cost."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graders import strategies as s
from graders.expect import expect_close, expect_shape, expect_true

PAIR_HINT = "Return the pair (W, b) of floats, e.g. `return float(W), float(b)`."
GRADIENT_HINT = ("With e = W*x + b - y: dJ/dW = mean(e * x) and dJ/db = mean(e) (the 1/2 in J cancels "
                 "the 2, the 1/m stays); then W -= lr * dJ/dW and b -= lr * dJ/db, both from the same e.")


def fitted(got, what: str) -> tuple[float, float]:
    """The student's (W, b) as two floats, or a failed check saying what came back instead."""
    pair = expect_shape(got, (2,), what, hint=PAIR_HINT)
    expect_true(np.all(np.isfinite(pair)), f"{what} contains nan or inf", got=pair, hint=GRADIENT_HINT)
    return float(pair[0]), float(pair[1])


def cost(x: np.ndarray, y: np.ndarray, W: float, b: float) -> float:
    """Seed 000's J(W, b) = 1/(2m) Σ (W·x_i + b - y_i)²."""
    return float(np.mean((W * x + b - y) ** 2) / 2)


def data(min_m: int = 1, max_m: int = 20, low: float = -2, high: float = 2):
    """Pairs (x, y) of float64 arrays of one length m."""
    return st.integers(min_m, max_m).flatmap(
        lambda m: st.tuples(s.float_arrays(shape=(m,), low=low, high=high),
                            s.float_arrays(shape=(m,), low=low, high=high)))


@pytest.mark.hint("W and b start at 0.0 (not at random values), so that 0 epochs give (0.0, 0.0).")
@given(xy=data())
def test_zero_epochs_give_zero(student, xy):
    """With 0 epochs nothing is updated: the result is the starting point (0.0, 0.0)."""
    x, y = xy
    expect_close(fitted(student.fit_linear_regression(x, y, 0.1, 0), "fit_linear_regression(x, y, 0.1, 0)"),
                 [0.0, 0.0], "(W, b) after 0 epochs", rtol=0, atol=0)


@pytest.mark.hint(GRADIENT_HINT)
@given(xy=data(), lr=s.floats(0.001, 0.5))
def test_first_epoch_by_hand(student, xy, lr):
    """From W = b = 0 every error is -y_i, so one epoch gives W = lr·mean(x·y) and b = lr·mean(y)."""
    x, y = xy
    got = fitted(student.fit_linear_regression(x, y, lr, 1), f"fit_linear_regression(x, y, {lr:g}, 1)")
    expect_close(got, [lr * np.mean(x * y), lr * np.mean(y)], "(W, b) after 1 epoch", rtol=1e-9, atol=1e-12)


@pytest.mark.hint(GRADIENT_HINT)
def test_classic_example(student):
    """x = [1, 2, 3], y = [2, 4, 6] (y = 2x): 2000 epochs with lr 0.1 give W = 2, b = 0."""
    got = student.fit_linear_regression(np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.0]), 0.1, 2000)
    expect_close(fitted(got, "fit_linear_regression([1, 2, 3], [2, 4, 6], 0.1, 2000)"), [2.0, 0.0],
                 "(W, b)", rtol=1e-6, atol=1e-6)


@pytest.mark.hint(GRADIENT_HINT)
@given(W=s.floats(-3, 3), b=s.floats(-3, 3), m=st.integers(3, 30), shift=s.floats(-1, 1))
def test_recovers_planted_line(student, W, b, m, shift):
    """On noiseless points y = W·x + b (x spread over [shift-1, shift+1]) the fit finds W and b."""
    x = np.linspace(shift - 1, shift + 1, m)
    got = student.fit_linear_regression(x, W * x + b, 0.3, 1500)
    expect_close(fitted(got, "fit_linear_regression(x, W·x + b, 0.3, 1500)"), [W, b],
                 f"(W, b) fitted to the line y = {W:g}·x + {b:g}", rtol=1e-6, atol=1e-6)


@pytest.mark.hint("Step against the gradient: W -= lr * dJ/dW (a + here climbs the cost).")
@given(xy=data(min_m=2), lr=s.floats(0.01, 0.3), epochs=st.integers(0, 20))
def test_cost_never_rises(student, xy, lr, epochs):
    """With a small learning rate every epoch lowers (or keeps) the cost J = 1/(2m) Σ (Wx + b - y)²."""
    x, y = xy
    what = f"fit_linear_regression(x, y, {lr:g}, {epochs})"
    first = fitted(student.fit_linear_regression(x, y, lr, epochs), what)
    again = fitted(student.fit_linear_regression(x, y, lr, epochs), what)
    # A random start would make the comparison below a coin toss; say so instead.
    expect_true(first == again, f"{what} gave two different results for the same input",
                expected=first, got=again, hint="Start from W = b = 0.0, with no randomness.")
    before = cost(x, y, *first)
    after = cost(x, y, *fitted(student.fit_linear_regression(x, y, lr, epochs + 1), what))
    expect_true(after <= before * (1 + 1e-9) + 1e-12,
                f"the cost rose from epoch {epochs} to epoch {epochs + 1} (lr = {lr:g})",
                expected=f"J <= {before:.6g}", got=f"J = {after:.6g}")
