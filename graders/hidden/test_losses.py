"""Hidden graders for losses: the student's functions against the reference, one row per check."""
import functools

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from graders.testing import strategies as s
from graders.testing.agreement import Agrees
from graders.testing.expect import tolerance
from graders.testing.shared.losses import bce_tolerance, log_tolerance

SIDES = st.tuples(st.integers(1, 6), st.integers(2, 8))  # (N, K): at least two classes


@functools.lru_cache(maxsize=1024)   # made in a flatmap per example: hypothesis validates each new one
def with_zeros(shape):
    """Distributions along the last axis with some exact zeros (and some exact ones), no tiny nonzero entries."""
    elements = st.one_of(st.just(0.0), st.floats(0.0, 1.0).map(s.flush_tiny))

    def normalise(raw):
        raw = raw.copy()
        raw[..., 0] += (raw.sum(axis=-1) == 0)  # no all-zero row
        return raw / raw.sum(axis=-1, keepdims=True)

    return hnp.arrays(np.float64, shape, elements=elements).map(normalise)


def same_shape_pair(first, second, shapes=s.shapes(1, 2, max_side=8)):
    """(a, b) drawn from first(shape) and second(shape) for one shape."""
    return shapes.flatmap(lambda shape: st.tuples(first(shape), second(shape)))


def values(shape):
    """Float64 arrays up to ±1000."""
    return s.float_arrays(shape, low=-1e3, high=1e3)


def probabilities(shape):
    """Predicted probabilities: exactly 0 or 1, or in [0, 0.99] (closer to 1, float32 cannot tell 1 - p apart)."""
    return hnp.arrays(np.float64, shape, elements=st.one_of(st.sampled_from([0.0, 1.0]), st.floats(0.0, 0.99)))


def zero_one(shape):
    """Float64 arrays of 0.0 and 1.0 (binary targets)."""
    return hnp.arrays(np.float64, shape, elements=st.sampled_from([0.0, 1.0]))


@st.composite
def labelled(draw):
    """(y, labels): y of shape (N, K), rows distributions with exact zeros, and N labels in [0, K)."""
    y = draw(SIDES.flatmap(with_zeros))
    labels = draw(s.arrays(np.int64, y.shape[:1], st.integers(0, y.shape[1] - 1)))
    return y, labels


def mse_tolerance(y, t):
    """float32 rounding of y and t moves (y - t)**2 by about eps * |y - t| * (|y| + |t|): where y is close to t that
    is more than the error itself, so it is allowed absolutely; the sum has y.size terms."""
    n = y.shape[0] if y.ndim == 2 else 1
    return tolerance(steps=y.size, scale=float(np.sum(np.abs(y - t) * (np.abs(y) + np.abs(t)))) / n)


test_mse_matches_reference = Agrees(
    "mean_squared_error", same_shape_pair(values, values),
    what=lambda y, t: f"mean_squared_error(y, t) for y of shape {y.shape}", tol=mse_tolerance,
    doc="mean_squared_error agrees with the reference for one sample (K,) and batches (N, K), large values too.",
).check()

test_cee_matches_reference_one_hot = Agrees(
    "cross_entropy_error", labelled().map(lambda case: (case[0], np.eye(case[0].shape[1])[case[1]])),
    what=lambda y, t: f"cross_entropy_error(y, one-hot t) for y of shape {y.shape}",
    tol=lambda y, t: log_tolerance(y.size),
    doc="cross_entropy_error with one-hot targets agrees with the reference, zero probabilities included.",
).check()

test_cee_matches_reference_labels = Agrees(
    "cross_entropy_error", st.one_of(labelled(), labelled().map(lambda case: (case[0][0], int(case[1][0])))),
    what=lambda y, t: (f"cross_entropy_error(y, labels) for y of shape {y.shape}" if y.ndim == 2
                       else f"cross_entropy_error(y[0], {t}) for one sample"),
    tol=lambda y, t: log_tolerance(len(y) if y.ndim == 2 else 1),
    doc="cross_entropy_error with label-index targets agrees with the reference, for batches and one sample.",
    max_examples=18,  # twice the 9 examples its slowest-caught buggy variant needs
).check()

test_bce_matches_reference = Agrees(
    "binary_cross_entropy", same_shape_pair(probabilities, zero_one),
    what=lambda p, t: f"binary_cross_entropy(p, t) for p of shape {p.shape}", tol=lambda p, t: bce_tolerance(p),
    doc="binary_cross_entropy agrees with the reference, p of exactly 0 and 1 included.",
).check()

test_entropy_matches_reference = Agrees(
    "entropy_bits", st.tuples(s.shapes(1, 3, max_side=6).flatmap(with_zeros)),
    what=lambda p: f"entropy_bits(p) for p of shape {p.shape}", tol=lambda p: log_tolerance(p.shape[-1]),
    doc="entropy_bits agrees with the reference on distributions with zeros, one or a batch of them.",
    max_examples=12,  # twice the 6 examples its slowest-caught buggy variant needs
).check()

test_cross_entropy_bits_matches_reference = Agrees(
    "cross_entropy_bits", same_shape_pair(with_zeros, lambda shape: s.probability_rows(shape), s.shapes(1, 3, max_side=6)),
    what=lambda p, q: f"cross_entropy_bits(p, q) for p of shape {p.shape}", tol=lambda p, q: log_tolerance(p.shape[-1]),
    doc="cross_entropy_bits agrees with the reference, p with zeros, one distribution or a batch.",
).check()
