"""Hidden graders for losses: the student's functions against the reference."""
import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from graders import strategies as s
from graders.expect import expect_close

SIDES = st.tuples(st.integers(1, 6), st.integers(2, 8))  # (N, K): at least two classes
CEE_TOLERANCE = dict(rtol=1e-6, atol=1e-6)  # where the eps goes (y + eps, or a clip) may move it by ~1e-7


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
    """Float64 arrays in [0, 1], 0 and 1 included."""
    return hnp.arrays(np.float64, shape, elements=st.floats(0.0, 1.0))


def zero_one(shape):
    """Float64 arrays of 0.0 and 1.0 (binary targets)."""
    return hnp.arrays(np.float64, shape, elements=st.sampled_from([0.0, 1.0]))


@given(yt=same_shape_pair(values, values))
def test_mse_matches_reference(student, reference, yt):
    """mean_squared_error agrees with the reference for one sample (K,) and batches (N, K), large values too."""
    y, t = yt
    expect_close(student.mean_squared_error(y, t), reference.mean_squared_error(y, t),
                 f"mean_squared_error(y, t) for y of shape {y.shape}", rtol=1e-9, atol=1e-12)


@given(y=SIDES.flatmap(with_zeros), data=st.data())
def test_cee_matches_reference_one_hot(student, reference, y, data):
    """cross_entropy_error with one-hot targets agrees with the reference, zero probabilities included."""
    labels = data.draw(hnp.arrays(np.int64, y.shape[:1], elements=st.integers(0, y.shape[1] - 1)), label="labels")
    t = np.eye(y.shape[1])[labels]
    expect_close(student.cross_entropy_error(y, t), reference.cross_entropy_error(y, t),
                 f"cross_entropy_error(y, one-hot t) for y of shape {y.shape}", **CEE_TOLERANCE)


@given(y=SIDES.flatmap(with_zeros), data=st.data())
def test_cee_matches_reference_labels(student, reference, y, data):
    """cross_entropy_error with label-index targets agrees with the reference, for batches and one sample."""
    labels = data.draw(hnp.arrays(np.int64, y.shape[:1], elements=st.integers(0, y.shape[1] - 1)), label="labels")
    expect_close(student.cross_entropy_error(y, labels), reference.cross_entropy_error(y, labels),
                 f"cross_entropy_error(y, labels) for y of shape {y.shape}", **CEE_TOLERANCE)
    label = int(labels[0])
    expect_close(student.cross_entropy_error(y[0], label), reference.cross_entropy_error(y[0], label),
                 f"cross_entropy_error(y[0], {label}) for one sample", **CEE_TOLERANCE)


@given(pt=same_shape_pair(probabilities, zero_one))
def test_bce_matches_reference(student, reference, pt):
    """binary_cross_entropy agrees with the reference, p of exactly 0 and 1 included."""
    p, t = pt
    expect_close(student.binary_cross_entropy(p, t), reference.binary_cross_entropy(p, t),
                 f"binary_cross_entropy(p, t) for p of shape {p.shape}", rtol=1e-6, atol=1e-6)


@given(p=s.shapes(1, 3, max_side=6).flatmap(with_zeros))
def test_entropy_matches_reference(student, reference, p):
    """entropy_bits agrees with the reference on distributions with zeros, one or a batch of them."""
    expect_close(student.entropy_bits(p), reference.entropy_bits(p), f"entropy_bits(p) for p of shape {p.shape}",
                 rtol=1e-9, atol=1e-12)


@given(pq=same_shape_pair(with_zeros, lambda shape: s.probability_rows(shape), s.shapes(1, 3, max_side=6)))
def test_cross_entropy_bits_matches_reference(student, reference, pq):
    """cross_entropy_bits agrees with the reference, p with zeros, one distribution or a batch."""
    p, q = pq
    expect_close(student.cross_entropy_bits(p, q), reference.cross_entropy_bits(p, q),
                 f"cross_entropy_bits(p, q) for p of shape {p.shape}", rtol=1e-9, atol=1e-12)
