"""What the regularization task's public and hidden suites share (the hidden suite never imports the public one)."""
import numpy as np

from graders.testing.expect import expect_close, expect_shape, expect_true

Z = 5.0  # standard errors a statistic may stray: a correct implementation fails ~1 in 10^6

# The layer output that shows dropout is working (some units dropped, the rest scaled): 600 distinct values.
TRAINING_X = np.arange(1, 601, dtype=np.float64).reshape(20, 30) / 100

SCALE_HINT = "Divide the kept units by the keep probability 1 - ratio (inverted dropout), not by ratio."


def nonzero(v):
    """v with its near-zero entries set to 1, so a dropped unit (0) is never mistaken for a kept one."""
    return np.where(np.abs(v) < 1e-3, 1.0, v).astype(v.dtype)


def run_dropout(student, x, ratio, train, seed):
    """The student's dropout output for x with a Generator made from seed, checked for shape."""
    got = student.dropout(x, ratio, train, np.random.default_rng(seed))
    return expect_shape(got, x.shape, f"dropout(x, ratio={ratio}, train={train}, rng)")


def expect_dropout(got, x, ratio, what):
    """A training output of nonzero x: every unit 0 or x / (1 - ratio), and the share set to 0 is the ratio
    (within Z standard errors)."""
    kept = got != 0
    expect_close(np.where(kept, got, 0.0), np.where(kept, x / (1 - ratio), 0.0),
                 f"{what}: units that are not 0 should be x / (1 - ratio)", hint=SCALE_HINT)
    dropped, allowed = float(np.mean(~kept)), Z * np.sqrt(ratio * (1 - ratio) / x.size)
    expect_true(abs(dropped - ratio) <= allowed, f"{what} dropped the wrong share of units",
                got=f"{dropped:.4f}", expected=f"{ratio} ± {allowed:.4f}",
                hint="Drop each unit with probability ratio: keep = rng.random(x.shape) >= ratio.")


def expect_training_works(student, ratio, seed):
    """dropout in training really drops units of TRAINING_X and rescales the rest."""
    what = f"dropout(x, ratio={ratio}, train=True, rng) for x of shape {TRAINING_X.shape}"
    expect_dropout(run_dropout(student, TRAINING_X, ratio, True, seed), TRAINING_X, ratio, what)
