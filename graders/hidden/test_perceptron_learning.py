"""Hidden graders for perceptron_learning: random linearly separable data, data no unit can
separate, integer inputs and zero epochs.

Learned weights depend on how a solution uses its Generator, so the student's w, b are not
compared with the reference's; they are judged by what they classify. Every separable problem
keeps its points at least MARGIN from a planted unit's boundary, so the perceptron rule
converges within EPOCHS whatever the order and the (small) initial weights: with inputs in
[-1, 1]^d and the planted (w, b) of norm 1, at most (d + 1) / MARGIN² + a few mistakes happen.
"""
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from graders.testing.expect import expect_equal, expect_shape, expect_true
from graders.testing.shared.perceptron_learning import (
    CORNERS,
    RULE_HINT,
    TABLES,
    expect_learns,
    expect_separates,
    train,
)

MARGIN = 0.15
EPOCHS = 1000


@st.composite
def separable_problems(draw):
    """(X (n, d) float, y (n,) int) with every point at least MARGIN from a planted unit's boundary."""
    r = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    n, d = draw(st.integers(1, 30)), draw(st.integers(1, 4))
    unit = r.normal(size=d + 1)
    unit /= np.linalg.norm(unit)
    X = np.empty((0, d))
    while len(X) < n:  # the planted line leaves at least a band of width 2 * MARGIN free
        candidates = r.uniform(-1, 1, size=(20 * n, d))
        score = candidates @ unit[:-1] + unit[-1]
        X = np.vstack([X, candidates[np.abs(score) >= MARGIN]])
    X = X[:n]
    return X, (X @ unit[:-1] + unit[-1] > 0).astype(np.int64)


@st.composite
def contradictory_problems(draw):
    """(X, y, X2, y2): a separable problem, and the same with its first input repeated with the other target."""
    X, y = draw(separable_problems())
    return X, y, np.vstack([X, X[:1]]), np.append(y, 1 - y[0])


@given(problem=separable_problems(), seed=st.integers(0, 2**32 - 1))
def test_separable_data_converges_and_separates(student, problem, seed):
    """On random linearly separable data (any d) it converges and the learned unit separates it."""
    X, y = problem
    w, b, converged = train(student.with_timeout(30), X, y, lr=1.0, epochs=EPOCHS, seed=seed)
    what = f"train_perceptron on {len(y)} separable samples with d={X.shape[1]} (lr=1, epochs={EPOCHS})"
    expect_true(converged, f"{what} did not converge", got=f"converged=False with w={w}, b={b:.6g}",
                hint=RULE_HINT)
    expect_separates(X, y, w, b, what)


@given(problem=contradictory_problems(), seed=st.integers(0, 2**32 - 1))
def test_contradictory_data_not_converged(student, problem, seed):
    """Learns separable data, but once one of its inputs is added again with the other target, converged is False."""
    X, y, X2, y2 = problem
    w, b, converged = train(student.with_timeout(30), X, y, lr=1.0, epochs=EPOCHS, seed=seed)
    what = f"train_perceptron on {len(y)} separable samples with d={X.shape[1]} (lr=1, epochs={EPOCHS})"
    expect_true(converged, f"{what} did not converge", got=f"converged=False with w={w}, b={b:.6g}",
                hint=RULE_HINT)
    expect_separates(X, y, w, b, what)
    _, _, converged = train(student, X2, y2, lr=0.5, epochs=20, seed=seed)
    expect_true(not converged, "converged=True on data no unit can classify (a row repeated with both targets)",
                expected="converged=False", got="converged=True",
                hint="converged means a whole epoch passed without one mistake.")


def test_integer_inputs(student):
    """X and y as int64 arrays (a truth table typed in as ints) learn OR and AND all the same."""
    X = CORNERS.astype(np.int64)
    for name in ("OR", "AND"):
        w, b, converged = train(student, X, TABLES[name].astype(np.int64), lr=0.1, epochs=100, seed=3)
        what = f"train_perceptron on the {name} table given as int64 arrays"
        expect_true(converged, f"{what} did not converge", got="converged=False",
                    hint="Make w a float array (np.zeros(d) or rng.normal), not np.zeros_like(X[0]) of an int X.")
        expect_separates(X, TABLES[name], w, b, what)


def test_zero_epochs_not_converged(student):
    """With epochs=0 no epoch ran: w has shape (d,) and converged is False (and with epochs=100 it learns AND)."""
    w, _, converged = train(student, CORNERS, TABLES["AND"], lr=0.1, epochs=0, seed=0)
    expect_shape(w, (2,), "w after zero epochs")
    expect_equal(converged, False, "converged after zero epochs",
                 hint="converged is True only after an epoch without mistakes; with epochs=0 none ran.")
    expect_learns(student, CORNERS, TABLES["AND"], "AND", seeds=(0,))
