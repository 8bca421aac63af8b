"""Hidden graders for losses: the student's functions against the reference."""
import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from graders.testing import strategies as s
from graders.testing.expect import expect_close, tolerance
from graders.testing.shared.losses import bce_tolerance, log_tolerance

SIDES = st.tuples(st.integers(1, 6), st.integers(2, 8))  # (N, K): at least two classes


def with_zeros(shape):
    """Distributions along the last axis with some exact zeros (and some exact ones)."""
    elements = st.one_of(st.just(0.0), st.floats(0.0, 1.0))

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


@given(yt=same_shape_pair(values, values))
def test_mse_matches_reference(student, reference, yt):
    """mean_squared_error agrees with the reference for one sample (K,) and batches (N, K), large values too."""
    y, t = yt
    expect_close(student.mean_squared_error(y, t), reference.mean_squared_error(y, t),
                 f"mean_squared_error(y, t) for y of shape {y.shape}", tol=mse_tolerance(y, t))


@given(case=labelled())
def test_cee_matches_reference_one_hot(student, reference, case):
    """cross_entropy_error with one-hot targets agrees with the reference, zero probabilities included."""
    y, labels = case
    t = np.eye(y.shape[1])[labels]
    expect_close(student.cross_entropy_error(y, t), reference.cross_entropy_error(y, t),
                 f"cross_entropy_error(y, one-hot t) for y of shape {y.shape}", tol=log_tolerance(y.size))


@given(case=labelled())
def test_cee_matches_reference_labels(student, reference, case):
    """cross_entropy_error with label-index targets agrees with the reference, for batches and one sample."""
    y, labels = case
    expect_close(student.cross_entropy_error(y, labels), reference.cross_entropy_error(y, labels),
                 f"cross_entropy_error(y, labels) for y of shape {y.shape}", tol=log_tolerance(len(y)))
    label = int(labels[0])
    expect_close(student.cross_entropy_error(y[0], label), reference.cross_entropy_error(y[0], label),
                 f"cross_entropy_error(y[0], {label}) for one sample", tol=log_tolerance())


@given(pt=same_shape_pair(probabilities, zero_one))
def test_bce_matches_reference(student, reference, pt):
    """binary_cross_entropy agrees with the reference, p of exactly 0 and 1 included."""
    p, t = pt
    expect_close(student.binary_cross_entropy(p, t), reference.binary_cross_entropy(p, t),
                 f"binary_cross_entropy(p, t) for p of shape {p.shape}", tol=bce_tolerance(p))


@given(p=s.shapes(1, 3, max_side=6).flatmap(with_zeros))
def test_entropy_matches_reference(student, reference, p):
    """entropy_bits agrees with the reference on distributions with zeros, one or a batch of them."""
    expect_close(student.entropy_bits(p), reference.entropy_bits(p), f"entropy_bits(p) for p of shape {p.shape}",
                 tol=log_tolerance(p.shape[-1]))


@given(pq=same_shape_pair(with_zeros, lambda shape: s.probability_rows(shape), s.shapes(1, 3, max_side=6)))
def test_cross_entropy_bits_matches_reference(student, reference, pq):
    """cross_entropy_bits agrees with the reference, p with zeros, one distribution or a batch."""
    p, q = pq
    expect_close(student.cross_entropy_bits(p, q), reference.cross_entropy_bits(p, q),
                 f"cross_entropy_bits(p, q) for p of shape {p.shape}", tol=log_tolerance(p.shape[-1]))
