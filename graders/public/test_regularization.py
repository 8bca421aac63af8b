"""Public self-checks for regularization: dropout's statistics and modes, the L2 penalty's worked numbers."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graders.testing import strategies as s
from graders.testing.expect import EXACT, expect_close, expect_shape, expect_true, tolerance
from graders.testing.shared.regularization import (
    SCALE_HINT,
    TRAINING_X,
    Z,
    expect_dropout,
    expect_training_works,
    nonzero,
    run_dropout,
)

SEEDS = st.integers(0, 2**32 - 1)
RATIOS = st.floats(0.05, 0.9)
ROWS = 300  # a drawn sample repeated this often: enough units for the share dropped to show
RNG_HINT = "Draw the mask with the rng argument (rng.random(x.shape)), not with np.random.*."


def repeated(v):
    """v repeated ROWS times along a new first axis (a batch of the same sample)."""
    return np.broadcast_to(v, (ROWS,) + v.shape).copy()


def number(got, what):
    """The student's scalar result as a float, or a failed check saying what it was."""
    value = expect_shape(got, (), what, hint="Return one number (a float), not an array.")
    expect_true(np.isfinite(value), f"{what} is nan or inf", got=value)
    return float(value)


# -- dropout --------------------------------------------------------------------------------

@pytest.mark.hint("With train=False, return x unchanged: no mask, no scaling.")
@given(x=s.float_arrays(low=-1e3, high=1e3), ratio=RATIOS, seed=SEEDS)
def test_eval_is_identity(student, x, ratio, seed):
    """In evaluation (train=False) dropout returns x unchanged, whatever the ratio (and in training it drops units)."""
    expect_close(run_dropout(student, x, ratio, False, seed), x, f"dropout(x, ratio={ratio}, train=False, rng)",
                 tol=EXACT)
    expect_training_works(student, ratio, seed)


@pytest.mark.hint(SCALE_HINT)
@given(v=s.float_arrays(shape=s.shapes(1, 2, max_side=4), low=-1e3, high=1e3).map(nonzero), ratio=RATIOS,
       seed=SEEDS)
def test_train_keeps_or_rescales(student, v, ratio, seed):
    """In training each unit of a batch (v repeated 300 times) is either dropped (0) or kept and divided by
    1 - ratio, and about `ratio` of them are dropped."""
    x = repeated(v)
    expect_dropout(run_dropout(student, x, ratio, True, seed), x, ratio,
                   f"dropout(x, ratio={ratio}, train=True, rng) for x of shape {x.shape}")


@pytest.mark.hint("Drop each unit with probability ratio: keep = rng.random(x.shape) >= ratio.")
@pytest.mark.parametrize("ratio", [0.1, 0.5, 0.8])
def test_dropped_fraction_matches_ratio(student, ratio):
    """Of 100 000 units, the share set to 0 is the ratio (within the sampling error)."""
    x = np.ones((400, 250))
    dropped = float(np.mean(run_dropout(student, x, ratio, True, 11) == 0))
    allowed = Z * np.sqrt(ratio * (1 - ratio) / x.size)
    expect_true(abs(dropped - ratio) <= allowed, f"dropout(ones((400, 250)), ratio={ratio}) dropped the wrong share",
                got=f"{dropped:.4f}", expected=f"{ratio} ± {allowed:.4f}")


@pytest.mark.hint("Draw one random number per element: rng.random(x.shape), not one per row or column.")
def test_units_dropped_independently(student):
    """Every row and every column of a batch loses about `ratio` of its units (one mask value per element)."""
    x = np.ones((500, 500))
    dropped = run_dropout(student, x, 0.5, True, 5) == 0
    allowed = Z * np.sqrt(0.25 / 500)
    for axis, name in ((1, "row"), (0, "column")):
        shares = dropped.mean(axis=axis)
        worst = float(shares[np.argmax(np.abs(shares - 0.5))])
        expect_true(abs(worst - 0.5) <= allowed, f"dropout(ones((500, 500)), 0.5): a {name} lost the wrong share",
                    got=f"{worst:.3f}", expected=f"0.5 ± {allowed:.3f} in every {name}")


@pytest.mark.hint(SCALE_HINT)
def test_expectation_preserved(student):
    """Averaged over 20 000 samples, dropout(x) ≈ x: inverted dropout keeps the expected value."""
    ratio, v = 0.2, np.array([1.0, -2.0, 0.5, 3.0])
    x = np.tile(v, (20000, 1))
    got = run_dropout(student, x, ratio, True, 3)
    expect_dropout(got, x, ratio, "dropout(x, ratio=0.2, train=True, rng) for x of shape (20000, 4)")
    allowed = Z * np.abs(v) * np.sqrt(ratio / ((1 - ratio) * 20000))
    means = got.mean(axis=0)
    expect_true(np.all(np.abs(means - v) <= allowed), "the mean of dropout(x) over many samples is not x",
                got=means, expected=f"{v} ± {np.round(allowed, 4)}")


@pytest.mark.hint(SCALE_HINT)
@given(x=s.float_arrays(low=-1e3, high=1e3), seed=SEEDS)
def test_ratio_zero_keeps_everything(student, x, seed):
    """With ratio 0, training dropout drops nothing and scales by 1: it returns x (and with ratio 0.5 it drops)."""
    expect_close(run_dropout(student, x, 0.0, True, seed), x, "dropout(x, ratio=0.0, train=True, rng)")
    expect_training_works(student, 0.5, seed)


@pytest.mark.hint(RNG_HINT)
@given(seed=SEEDS)
def test_same_seed_same_mask(student, seed):
    """Two Generators made with the same seed drop the same units (numpy's global random state does not matter)."""
    what = "dropout(x, ratio=0.5, train=True, np.random.default_rng(seed))"
    first, second = (run_dropout(student, TRAINING_X, 0.5, True, seed) for _ in range(2))
    expect_dropout(first, TRAINING_X, 0.5, what)
    expect_true(np.array_equal(first, second), f"{what} twice with the same seed dropped different units")


@pytest.mark.hint(RNG_HINT)
@given(seeds=st.lists(SEEDS, min_size=2, max_size=2, unique=True))
def test_uses_the_given_rng(student, seeds):
    """Generators with different seeds drop different units, whatever numpy's global random state is."""
    remote_np, results = student.numpy(), []
    for seed in seeds:
        remote_np.random.seed(12345)  # the same global state before each call
        got = run_dropout(student, TRAINING_X, 0.5, True, seed)
        expect_dropout(got, TRAINING_X, 0.5, f"dropout(x, ratio=0.5, train=True, np.random.default_rng({seed}))")
        results.append(got)
    expect_true(not np.array_equal(*results), "dropout with different rng seeds dropped the same units")


# -- L2 penalty -------------------------------------------------------------------------------

@pytest.mark.hint("penalty = 0.5 * lam * (sum of the squares of every weight of every array).")
def test_l2_worked_example(student):
    """½·0.1·(1² + 2² + 3² + 4² + 0.5² + 0.5²) = 1.525; ½·1·(3² + 4²) = 12.5."""
    weights = [np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([0.5, -0.5])]
    expect_close(number(student.l2_penalty(weights, 0.1), "l2_penalty([W1, W2], 0.1)"), 1.525,
                 "l2_penalty([[[1, 2], [3, 4]], [0.5, -0.5]], 0.1)")
    expect_close(number(student.l2_penalty([np.array([3.0, 4.0])], 1.0), "l2_penalty([W], 1.0)"), 12.5,
                 "l2_penalty([[3, 4]], 1.0)")


weight_arrays = s.float_arrays(low=-100, high=100).map(nonzero)  # no weight below 1e-3: every square counts


@pytest.mark.hint("Add up the squares of every array in the list (accumulate with +=, do not overwrite).")
@given(weights=st.lists(weight_arrays, min_size=1, max_size=4), lam=st.floats(0.01, 10))
def test_l2_sums_over_all_arrays(student, weights, lam):
    """The penalty of a list is the sum of the (positive) penalties of its arrays."""
    parts = [number(student.l2_penalty([w], lam), f"l2_penalty([weights[{i}]], lam)") for i, w in enumerate(weights)]
    expect_true(all(part > 0 for part in parts), "l2_penalty of nonzero weights should be > 0", got=parts)
    expect_close(number(student.l2_penalty(weights, lam), "l2_penalty(weights, lam)"), sum(parts),
                 "l2_penalty(weights, lam) vs the sum over the arrays one by one",
                 tol=tolerance(steps=sum(w.size for w in weights)))


@pytest.mark.hint("Square the weights (W ** 2); np.linalg.norm(W) is the square root of that sum.")
@given(w=weight_arrays, lam=st.floats(0.01, 10), c=st.floats(0.1, 10))
def test_l2_properties(student, w, lam, c):
    """The penalty is > 0 for nonzero weights, 0 for lam = 0 or no weights, linear in lam and quadratic in the
    weights."""
    base = number(student.l2_penalty([w], lam), "l2_penalty([W], lam)")
    expect_true(base > 0, "l2_penalty of nonzero weights should be > 0", got=base)
    expect_close(number(student.l2_penalty([w], 0.0), "l2_penalty([W], 0)"), 0.0, "l2_penalty([W], 0)", tol=EXACT)
    expect_close(number(student.l2_penalty([], lam), "l2_penalty([], lam)"), 0.0, "l2_penalty([], lam)", tol=EXACT)
    tol = tolerance(steps=w.size)
    expect_close(number(student.l2_penalty([w], 2 * lam), "l2_penalty([W], 2 lam)"), 2 * base,
                 "l2_penalty([W], 2 * lam) vs 2 * l2_penalty([W], lam)", tol=tol)
    expect_close(number(student.l2_penalty([c * w], lam), "l2_penalty([c W], lam)"), c * c * base,
                 f"l2_penalty([c * W], lam) vs c² * l2_penalty([W], lam) for c = {c}", tol=tol)
