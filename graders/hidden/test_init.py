"""Hidden graders for init: the student's draws against the reference's, as distributions.

Two correct implementations may draw in a different order (rng.normal or
rng.standard_normal, row or column first), so the draws are compared by their
statistics, with tolerances from the sample size, not value by value.
"""
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graders.testing.expect import expect_shape, expect_true

Z = 6.0  # standard errors allowed: a correct implementation fails about 1 in 10^9 comparisons


def sizes(low=20_000, high=60_000):
    """(n_in, n_out) with n_in * n_out in [low, high]: enough draws for tight statistics."""
    return st.integers(1, 3000).flatmap(
        lambda n_in: st.tuples(st.just(n_in), st.integers(math.ceil(low / n_in), max(1, high // n_in))))


@pytest.mark.parametrize("name", ["xavier_init", "he_init"])
@given(size=sizes(), seed=st.integers(0, 2**32 - 1))
def test_matches_reference_distribution(student, reference, name, size, seed):
    """Same shape and dtype as the reference, and the same mean and spread, for any layer sizes."""
    n_in, n_out = size
    expected = getattr(reference, name)(n_in, n_out, np.random.default_rng(seed + 1))
    what = f"{name}({n_in}, {n_out}, rng)"
    got = expect_shape(getattr(student, name)(n_in, n_out, np.random.default_rng(seed)), expected.shape, what)
    expect_true(got.dtype == expected.dtype, f"{what} has the wrong dtype", got=str(got.dtype),
                expected=str(expected.dtype))
    std, n = float(expected.std()), expected.size
    mean_tolerance = Z * std * np.sqrt(2 / n)
    expect_true(abs(float(got.mean()) - float(expected.mean())) <= mean_tolerance, f"{what} has the wrong mean",
                got=f"{got.mean():.5f}", expected=f"{expected.mean():.5f} ± {mean_tolerance:.5f}")
    std_tolerance = Z * std / np.sqrt(n)  # two sample stds, each with standard error std / sqrt(2n)
    expect_true(abs(float(got.std()) - std) <= std_tolerance, f"{what} has the wrong standard deviation",
                got=f"{got.std():.5f}", expected=f"{std:.5f} ± {std_tolerance:.5f}")
