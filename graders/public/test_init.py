"""Public self-checks for init: statistics of large draws, shapes, and the use of the given rng."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graders.testing.expect import expect_shape, expect_true

FUNCTIONS = {"xavier_init": 1.0, "he_init": 2.0}  # name -> variance times n_in
N_IN, N_OUT = 400, 250  # 100 000 weights: the sample std is within 0.3% of the true one
Z = 5.0  # how many standard errors a statistic may stray: a correct draw fails 1 in ~10^6
SEEDS = st.integers(0, 2**32 - 1)
STD_HINT = "Mean 0 and standard deviation sqrt(1 / n_in) for xavier_init, sqrt(2 / n_in) for he_init."
RNG_HINT = ("Draw with the rng argument (rng.normal(0.0, std, size=(n_in, n_out))), never with np.random.*, "
            "and do not make a new Generator inside your function.")


def draw(student, name, n_in, n_out, seed):
    """The student's weights for (n_in, n_out), checked for shape and dtype."""
    weights = getattr(student, name)(n_in, n_out, np.random.default_rng(seed))
    what = f"{name}({n_in}, {n_out}, rng)"
    got = expect_shape(weights, (n_in, n_out), what,
                       hint="The weight matrix is (n_in, n_out): one row per input, so x @ W works.")
    expect_true(got.dtype == np.float64, f"{what} should be a float64 array", got=f"dtype {got.dtype}")
    return got


def expect_std(weights, std, what, hint=""):
    """Sample mean ~0 and sample std ~std, within Z standard errors for this many draws."""
    n = weights.size
    mean, sample_std = float(weights.mean()), float(weights.std())
    expect_true(abs(mean) <= Z * std / np.sqrt(n), f"{what} should have mean 0",
                got=f"mean {mean:.5f}", expected=f"|mean| <= {Z * std / np.sqrt(n):.5f}", hint=hint)
    tolerance = Z * std / np.sqrt(2 * n)
    expect_true(abs(sample_std - std) <= tolerance, f"{what} has the wrong standard deviation",
                got=f"std {sample_std:.5f}", expected=f"{std:.5f} ± {tolerance:.5f}", hint=hint)


@pytest.mark.hint("Xavier: a normal distribution with standard deviation sqrt(1 / n_in) (scale is the std, "
                  "not the variance; n_in is the number of inputs, not outputs).")
def test_xavier_std(student):
    """xavier_init(400, 250) has mean 0 and standard deviation sqrt(1 / 400) = 0.05."""
    expect_std(draw(student, "xavier_init", N_IN, N_OUT, 2024), np.sqrt(1 / N_IN), "xavier_init(400, 250, rng)")


@pytest.mark.hint("He (course notes 003): a normal distribution with standard deviation sqrt(2 / n_in).")
def test_he_std(student):
    """he_init(400, 250) has mean 0 and standard deviation sqrt(2 / 400) = 0.0707."""
    expect_std(draw(student, "he_init", N_IN, N_OUT, 2024), np.sqrt(2 / N_IN), "he_init(400, 250, rng)")


@pytest.mark.hint("Draw from a normal distribution (rng.normal or rng.standard_normal), not a uniform one.")
@pytest.mark.parametrize("name", FUNCTIONS)
def test_draws_look_normal(student, name):
    """68.3% of the weights lie within one standard deviation of 0, 95.4% within two: a normal distribution."""
    weights = draw(student, name, N_IN, N_OUT, 7)
    std = np.sqrt(FUNCTIONS[name] / N_IN)
    for k, share in ((1, 0.682689), (2, 0.954500)):
        got = float(np.mean(np.abs(weights) < k * std))
        tolerance = Z * np.sqrt(share * (1 - share) / weights.size)
        expect_true(abs(got - share) <= tolerance, f"{name}: the share of weights within {k} std of 0 is off",
                    got=f"{got:.4f}", expected=f"{share:.4f} ± {tolerance:.4f}")


@st.composite
def layer_sizes(draw):
    """(n_in, n_out), each 1 to 40, with at least two weights."""
    n_in = draw(st.integers(1, 40))
    return n_in, draw(st.integers(2 if n_in == 1 else 1, 40))


@pytest.mark.hint("The weight matrix is (n_in, n_out) float64: size=(n_in, n_out), every weight its own draw.")
@given(size=layer_sizes(), seed=SEEDS)
def test_shape_and_dtype(student, size, seed):
    """Both functions return float64 arrays of shape (n_in, n_out), for any sizes, of distinct random weights."""
    n_in, n_out = size
    for name in FUNCTIONS:
        weights = draw(student, name, n_in, n_out, seed)
        expect_true(np.unique(weights).size == weights.size,
                    f"{name}({n_in}, {n_out}, rng) should be random draws, all different", got=weights)


@pytest.mark.hint(RNG_HINT)
@given(seed=SEEDS)
def test_same_seed_same_weights(student, seed):
    """Two Generators made with the same seed give the same weights (the draw depends on the rng only, not on
    numpy's global random state), drawn with the right mean and standard deviation."""
    for name, variance in FUNCTIONS.items():
        first = draw(student, name, 30, 20, seed)
        expect_std(first, np.sqrt(variance / 30), f"{name}(30, 20, rng)", hint=STD_HINT)
        second = draw(student, name, 30, 20, seed)
        expect_true(np.array_equal(first, second), f"{name}: the same seed gave different weights")


@pytest.mark.hint(RNG_HINT)
@given(seeds=st.lists(SEEDS, min_size=2, max_size=2, unique=True))
def test_uses_the_given_rng(student, seeds):
    """Generators with different seeds give different weights (with the right mean and standard deviation),
    whatever numpy's global random state is."""
    remote_np = student.numpy()
    for name, variance in FUNCTIONS.items():
        results = []
        for seed in seeds:
            remote_np.random.seed(12345)  # the global state is the same before each call
            results.append(draw(student, name, 30, 20, seed))
            expect_std(results[-1], np.sqrt(variance / 30), f"{name}(30, 20, np.random.default_rng({seed}))",
                       hint=STD_HINT)
        expect_true(not np.array_equal(*results), f"{name}: different rng seeds gave the same weights")
