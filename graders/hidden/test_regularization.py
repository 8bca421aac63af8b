"""Hidden graders for regularization: the student's dropout and L2 penalty against the reference.

Dropout is random: two correct implementations may draw their masks differently,
so in training the outputs are compared in law (which values occur, the share
dropped, the mean), with tolerances from the sample size.
"""
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from graders.testing import strategies as s
from graders.testing.agreement import Agrees
from graders.testing.expect import EXACT, expect_close, expect_shape, expect_true, tolerance
from graders.testing.shared.regularization import expect_training_works, nonzero

Z = 6.0  # standard errors allowed: a correct implementation fails about 1 in 10^9 comparisons
SAMPLES = 5000
DTYPES = st.sampled_from([np.float64, np.float32])


@given(x=DTYPES.flatmap(lambda dtype: s.float_arrays(low=-1e6, high=1e6, dtype=dtype)),
       ratio=st.floats(0.0, 0.99), seed=st.integers(0, 2**32 - 1))
def test_dropout_eval_matches_reference(student, reference, x, ratio, seed):
    """In evaluation dropout returns what the reference returns (x itself), float32 and float64, any shape (and in
    training it drops units)."""
    expected = reference.dropout(x, ratio, False, np.random.default_rng(seed))
    expect_close(student.dropout(x, ratio, False, np.random.default_rng(seed)), expected,
                 f"dropout(x, ratio={ratio}, train=False, rng) for {x.dtype.name} x", tol=EXACT)
    expect_training_works(student, min(max(ratio, 0.05), 0.9), seed)


@given(v=DTYPES.flatmap(lambda dtype: s.float_arrays(shape=s.shapes(1, 2, max_side=4), low=-1e3, high=1e3,
                                                     dtype=dtype)).map(nonzero),
       ratio=st.floats(0.0, 0.95), seed=st.integers(0, 2**32 - 1))
def test_dropout_train_matches_reference_in_law(student, reference, v, ratio, seed):
    """In training, for a sample x repeated 5000 times: the same values, share dropped and mean as the reference."""
    x = np.broadcast_to(v, (SAMPLES,) + v.shape).copy()
    expected = reference.dropout(x, ratio, True, np.random.default_rng(seed + 1))
    what = f"dropout(x, ratio={ratio}, train=True, rng) for {x.dtype.name} x"
    got = expect_shape(student.dropout(x, ratio, True, np.random.default_rng(seed)), x.shape, what)
    kept = got != 0
    expect_close(np.where(kept, got, 0.0), np.where(kept, x / (1 - ratio), 0.0), f"{what}: the kept units")
    share_tolerance = Z * np.sqrt(2 * ratio * (1 - ratio) / x.size) + 1e-12
    got_share, expected_share = float(np.mean(~kept)), float(np.mean(expected == 0))
    expect_true(abs(got_share - expected_share) <= share_tolerance, f"{what} drops the wrong share of units",
                got=f"{got_share:.4f}", expected=f"{expected_share:.4f} ± {share_tolerance:.4f}")
    rounding = tolerance().rtol * np.abs(v) / (1 - ratio)  # each kept unit's rounding (the mean is taken here)
    mean_tolerance = Z * np.abs(v) * np.sqrt(2 * ratio / ((1 - ratio) * SAMPLES)) + rounding
    got_mean, expected_mean = got.astype(float).mean(axis=0), expected.astype(float).mean(axis=0)
    expect_true(np.all(np.abs(got_mean - expected_mean) <= mean_tolerance), f"{what}: the mean over samples is off",
                got=got_mean, expected=expected_mean)


test_l2_matches_reference = Agrees(
    "l2_penalty", st.tuples(st.lists(DTYPES.flatmap(lambda dtype: s.float_arrays(low=-1e3, high=1e3, dtype=dtype)),
                                     min_size=0, max_size=4), st.floats(0.0, 10.0)),
    what=lambda weights, lam: f"l2_penalty(weights, lam={lam}) for {len(weights)} arrays",
    tol=lambda weights, lam: tolerance(steps=sum(w.size for w in weights)),
    doc="l2_penalty agrees with the reference for lists of 0 to 4 arrays of any shape, float32 and float64.",
).check()
