"""Hidden graders for perceptron_learning: random linearly separable data, data no unit can
separate, integer inputs and zero epochs.

Learned weights depend on how a solution uses its Generator, so the student's w, b are not
compared with the reference's; they are judged by what they classify, and the reference
confirms each generated problem is solvable within the budget given.
"""
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from graders.expect import expect_equal, expect_shape, expect_true
from graders.public.test_perceptron_learning import (
    CORNERS,
    RULE_HINT,
    TABLES,
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
    X = r.uniform(-1, 1, size=(20 * n, d))
    score = X @ unit[:-1] + unit[-1]
    X, score = X[np.abs(score) >= MARGIN][:n], score[np.abs(score) >= MARGIN][:n]
    return X, (score > 0).astype(np.int64)


@st.composite
def contradictory_problems(draw):
    """(X, y) where one input appears twice with different targets: no unit gets both right."""
    r = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    n, d = draw(st.integers(1, 10)), draw(st.integers(1, 3))
    X = r.uniform(-1, 1, size=(n, d))
    y = r.integers(0, 2, size=n)
    return np.vstack([X, X[:1]]), np.append(y, 1 - y[0])


@given(problem=separable_problems(), seed=st.integers(0, 2**32 - 1))
def test_separable_data_converges_and_separates(student, reference, problem, seed):
    """On random linearly separable data (any d) it converges and the learned unit separates it."""
    X, y = problem
    if len(y) == 0 or not reference.train_perceptron(X, y, 1.0, EPOCHS, np.random.default_rng(seed))[2]:
        return  # nothing to learn, or more than this budget needs
    w, b, converged = train(student.with_timeout(30), X, y, lr=1.0, epochs=EPOCHS, seed=seed)
    what = f"train_perceptron on {len(y)} separable samples with d={X.shape[1]} (lr=1, epochs={EPOCHS})"
    expect_true(converged, f"{what} did not converge", got=f"converged=False with w={w}, b={b:.6g}",
                hint=RULE_HINT)
    expect_separates(X, y, w, b, what)


@given(problem=contradictory_problems(), seed=st.integers(0, 2**32 - 1))
def test_contradictory_data_not_converged(student, problem, seed):
    """When one input has both targets 0 and 1, converged must be False."""
    X, y = problem
    _, _, converged = train(student, X, y, lr=0.5, epochs=20, seed=seed)
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
    """With epochs=0 no epoch ran: w has shape (d,) and converged is False."""
    w, _, converged = train(student, CORNERS, TABLES["AND"], lr=0.1, epochs=0, seed=0)
    expect_shape(w, (2,), "w after zero epochs")
    expect_equal(converged, False, "converged after zero epochs",
                 hint="converged is True only after an epoch without mistakes; with epochs=0 none ran.")
