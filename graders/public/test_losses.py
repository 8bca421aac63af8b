"""Public self-checks for losses: the seeds' worked numbers, closed forms, edge cases, properties."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from graders import strategies as s
from graders.expect import expect_close, expect_shape, expect_true

# Seed 001's network outputs and targets: E_total = E_o1 + E_o2 = 0.02397190.
SEED_OUTPUTS, SEED_TARGETS = np.array([0.60944600, 0.66384491]), np.array([0.4, 0.6])
# The "2 is the answer" example: t says class 2; y1 puts 0.6 on class 2, y2 puts 0.6 on class 7.
T_TWO = np.eye(10)[2]
Y_RIGHT = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
Y_WRONG = np.array([0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0])
LOG_EPS = -np.log(1e-7)  # 16.118...: the cost of probability 0 for the true class
CEE_TOLERANCE = dict(rtol=1e-6, atol=1e-6)  # where the eps goes (y + eps, or a clip) may move it by ~1e-7
BATCH_HINT = "Divide the batch's total by the number of samples N = y.shape[0] (2-D input only)."


def number(got, what):
    """The student's scalar result as a float, or a failed check saying what it was."""
    value = expect_shape(got, (), what, hint="Return one number (a float), not an array.")
    expect_true(np.isfinite(value), f"{what} is nan or inf", got=value)
    return float(value)


def label_batches(min_p=0.01):
    """(y, labels): y of shape (N, K) with rows that are distributions, and N labels in [0, K)."""
    shapes = st.tuples(st.integers(1, 6), st.integers(2, 6))
    return shapes.flatmap(lambda shape: st.tuples(
        s.probability_rows(shape, min_p=min_p),
        hnp.arrays(np.int64, (shape[0],), elements=st.integers(0, shape[1] - 1))))


# -- mean squared error -------------------------------------------------------------------

@pytest.mark.hint("E = 1/2 * sum((y - t)**2): keep the 1/2.")
def test_mse_seed_examples(student):
    """MSE of seed 001's outputs is E_total = 0.02397190; the '2 is the answer' y gives 0.0975 and 0.5975."""
    expect_close(student.mean_squared_error(SEED_OUTPUTS, SEED_TARGETS), 0.02397190,
                 "mean_squared_error([0.609446, 0.66384491], [0.4, 0.6])", rtol=0, atol=5e-9)
    expect_close(student.mean_squared_error(Y_RIGHT, T_TWO), 0.0975, "mean_squared_error(y1, t)", rtol=1e-9)
    expect_close(student.mean_squared_error(Y_WRONG, T_TWO), 0.5975, "mean_squared_error(y2, t)", rtol=1e-9)


@pytest.mark.hint(BATCH_HINT)
def test_mse_batch_example(student):
    """A batch [y1, y2] against [t, t] gives the mean of the two errors, (0.0975 + 0.5975) / 2."""
    got = student.mean_squared_error(np.stack([Y_RIGHT, Y_WRONG]), np.stack([T_TWO, T_TWO]))
    expect_close(got, 0.3475, "mean_squared_error([y1, y2], [t, t])", rtol=1e-9)


@pytest.mark.hint(BATCH_HINT)
@settings(max_examples=20)
@given(yt=st.tuples(st.integers(1, 5), st.integers(1, 6)).flatmap(
    lambda shape: st.tuples(s.float_arrays(shape, low=-10, high=10), s.float_arrays(shape, low=-10, high=10))),
    copies=st.integers(2, 3))
def test_mse_is_batch_average(student, yt, copies):
    """A batch's MSE is the mean of its samples' MSEs (so repeating the batch changes nothing); MSE >= 0."""
    y, t = yt
    per_sample = [number(student.mean_squared_error(y[i], t[i]), f"mean_squared_error(y[{i}], t[{i}])")
                  for i in range(len(y))]
    expect_true(all(e >= 0 for e in per_sample), "mean_squared_error is negative", got=per_sample)
    batch = expect_close(student.mean_squared_error(y, t), np.mean(per_sample),
                         "mean_squared_error(y, t) vs the mean of the per-sample errors", rtol=1e-9, atol=1e-12)
    expect_close(student.mean_squared_error(np.tile(y, (copies, 1)), np.tile(t, (copies, 1))), batch,
                 f"mean_squared_error of the batch repeated {copies} times", rtol=1e-9, atol=1e-12)


# -- cross-entropy error ------------------------------------------------------------------

def test_cee_seed_examples(student):
    """CEE with one-hot t: -log(0.6 + 1e-7) = 0.51082546 for y1, -log(0.1 + 1e-7) = 2.30258409 for y2."""
    expect_close(student.cross_entropy_error(Y_RIGHT, T_TWO), 0.510825457099338,
                 "cross_entropy_error(y1, t)", **CEE_TOLERANCE, hint="E = -sum(t * log(y + 1e-7)), natural log.")
    expect_close(student.cross_entropy_error(Y_WRONG, T_TWO), 2.302584092994546,
                 "cross_entropy_error(y2, t)", **CEE_TOLERANCE, hint="E = -sum(t * log(y + 1e-7)), natural log.")


@pytest.mark.hint("Labels are class indices: pick y[np.arange(N), t] (for 1-D y, y[t]).")
def test_cee_label_examples(student):
    """Label targets: class 2 for y1 gives 0.51082546; the batch [y1, y2] with labels [2, 2] gives their mean."""
    expect_close(student.cross_entropy_error(Y_RIGHT, 2), 0.510825457099338,
                 "cross_entropy_error(y1, 2)", **CEE_TOLERANCE)
    expect_close(student.cross_entropy_error(np.stack([Y_RIGHT, Y_WRONG]), np.array([2, 2])),
                 1.406704775046942, "cross_entropy_error([y1, y2], [2, 2])", **CEE_TOLERANCE)


@pytest.mark.hint("Add eps = 1e-7 inside the log: np.log(y + 1e-7).")
def test_cee_zero_probability_is_finite(student):
    """Probability 0 for the true class costs -log(1e-7) = 16.118..., not inf or nan; a sure hit costs ~0."""
    expect_close(student.cross_entropy_error(np.array([1.0, 0.0, 0.0]), np.array([0.0, 1.0, 0.0])), LOG_EPS,
                 "cross_entropy_error([1, 0, 0], [0, 1, 0])", **CEE_TOLERANCE)
    expect_close(student.cross_entropy_error(np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([1, 0])), LOG_EPS,
                 "cross_entropy_error([[1, 0], [0, 1]], labels [1, 0])", **CEE_TOLERANCE)
    expect_close(student.cross_entropy_error(np.array([0.0, 1.0]), np.array([0.0, 1.0])), 0.0,
                 "cross_entropy_error([0, 1], [0, 1])", atol=1e-6)


@pytest.mark.hint("One-hot rows and label indices describe the same targets; a batch's loss is the mean "
                  "of its samples' losses: divide by N = y.shape[0].")
@settings(max_examples=20)
@given(batch=label_batches(min_p=0.0))
def test_cee_labels_match_one_hot(student, batch):
    """Label and one-hot targets give the same loss, and a batch's loss is the mean over its samples."""
    y, labels = batch
    one_hot = np.eye(y.shape[1])[labels]
    per_sample = [number(student.cross_entropy_error(y[i], one_hot[i]), f"cross_entropy_error(y[{i}], t[{i}])")
                  for i in range(len(y))]
    from_one_hot = expect_close(student.cross_entropy_error(y, one_hot), np.mean(per_sample),
                                "cross_entropy_error(y, one-hot t) vs the mean of the per-sample losses",
                                rtol=1e-9, atol=1e-12)
    expect_close(student.cross_entropy_error(y, labels), from_one_hot,
                 "cross_entropy_error(y, labels) vs cross_entropy_error(y, one-hot t)", rtol=1e-9, atol=1e-12)


# -- binary cross-entropy -----------------------------------------------------------------

@pytest.mark.hint("E = -mean(t * log(p + 1e-7) + (1 - t) * log(1 - p + 1e-7)).")
def test_bce_closed_forms(student):
    """BCE of p = 0.5 is log 2; of p = 0.9 for t = 1 is -log 0.9; of p = 0.8 for t = 0 is -log 0.2."""
    cases = [([0.5, 0.5], [1.0, 0.0], np.log(2)), ([0.9], [1.0], -np.log(0.9)), ([0.8], [0.0], -np.log(0.2))]
    for p, t, expected in cases:
        expect_close(student.binary_cross_entropy(np.array(p), np.array(t)), expected,
                     f"binary_cross_entropy({p}, {t})", rtol=1e-6)


@pytest.mark.hint("Both logs need + 1e-7: log(1 - p + 1e-7) too, or p = 1 with t = 0 is log(0).")
def test_bce_certain_predictions(student):
    """p exactly 0 or 1: right answers cost ~0, wrong ones -log(1e-7) = 16.118..., never inf or nan."""
    p, t = np.array([0.0, 1.0]), np.array([0.0, 1.0])
    expect_close(student.binary_cross_entropy(p, t), 0.0, "binary_cross_entropy([0, 1], [0, 1])", atol=1e-6)
    expect_close(student.binary_cross_entropy(p, 1 - t), LOG_EPS, "binary_cross_entropy([0, 1], [1, 0])",
                 rtol=1e-6)


@pytest.mark.hint("Average with np.mean over every element, not np.sum.")
@given(p=s.float_arrays(shape=s.shapes(1, 2), low=0.0, high=1.0), copies=st.integers(2, 3), data=st.data())
def test_bce_is_mean(student, p, copies, data):
    """BCE >= 0, swapping the classes (1 - p, 1 - t) changes nothing, and repeating the data changes nothing."""
    t = data.draw(hnp.arrays(np.float64, p.shape, elements=st.sampled_from([0.0, 1.0])), label="t")
    once = number(student.binary_cross_entropy(p, t), "binary_cross_entropy(p, t)")
    expect_true(once >= -1e-6, "binary_cross_entropy(p, t) is negative", got=once)
    expect_close(student.binary_cross_entropy(1 - p, 1 - t), once,
                 "binary_cross_entropy(1 - p, 1 - t) vs binary_cross_entropy(p, t)", rtol=1e-6, atol=1e-6)
    expect_close(student.binary_cross_entropy(np.tile(p, copies), np.tile(t, copies)), once,
                 f"binary_cross_entropy of the data repeated {copies} times", rtol=1e-9, atol=1e-12)


# -- entropy and cross-entropy in bits ----------------------------------------------------

@pytest.mark.hint("Use np.log2: a fair coin carries exactly 1 bit.")
def test_entropy_closed_forms(student):
    """A fair coin is 1 bit, a fair 8-sided die 3 bits, [1/2, 1/4, 1/4] 1.5 bits."""
    cases = [([0.5, 0.5], 1.0), (np.full(8, 1 / 8), 3.0), ([0.5, 0.25, 0.25], 1.5)]
    for p, expected in cases:
        expect_close(student.entropy_bits(np.array(p)), expected, f"entropy_bits({np.round(p, 3).tolist()})",
                     rtol=1e-9)


@pytest.mark.hint("0 * log2(0) is nan in numpy: count the terms with p = 0 as 0 (np.where on p > 0).")
def test_entropy_with_zeros(student):
    """0 log 0 = 0: a sure event carries 0 bits, and zeros do not change a distribution's entropy."""
    expect_close(student.entropy_bits(np.array([1.0, 0.0, 0.0])), 0.0, "entropy_bits([1, 0, 0])", atol=1e-12)
    expect_close(student.entropy_bits(np.array([0.5, 0.0, 0.5])), 1.0, "entropy_bits([0.5, 0, 0.5])", rtol=1e-9)


@pytest.mark.hint("Sum over the last axis only (axis=-1): each row of a batch is one distribution.")
@given(p=s.probability_rows(shape=s.shapes(2, 2, min_side=2)))
def test_entropy_per_row(student, p):
    """A batch (N, K) gets one entropy per row, the same as for that row alone, each in [0, log2 K]."""
    per_row = [number(student.entropy_bits(row), f"entropy_bits(p[{i}])") for i, row in enumerate(p)]
    expect_true(all(0 <= h <= np.log2(p.shape[-1]) + 1e-12 for h in per_row),
                "entropy_bits of a distribution outside [0, log2 K]", got=per_row)
    expect_close(student.entropy_bits(p), per_row, "entropy_bits(p) for a batch vs row by row", rtol=1e-9,
                 atol=1e-12)


@pytest.mark.hint("H(p, q) = sum(p * log2(1 / q)): q inside the log, p outside.")
def test_cross_entropy_bits_closed_forms(student):
    """H([1/2, 1/2], [1/4, 3/4]) = 1 + log2(4/3) / 2; H([1, 0], [1/2, 1/2]) = 1 bit; zeros of p count 0."""
    cases = [([0.5, 0.5], [0.25, 0.75], 1 + 0.5 * np.log2(4 / 3)), ([1.0, 0.0], [0.5, 0.5], 1.0),
             ([1.0, 0.0, 0.0], [0.5, 0.5, 0.0], 1.0)]
    for p, q, expected in cases:
        expect_close(student.cross_entropy_bits(np.array(p), np.array(q)), expected,
                     f"cross_entropy_bits({p}, {q})", rtol=1e-9)


@pytest.mark.hint("H(p, q) >= H(p), with equality for q = p; sum over the last axis.")
@settings(max_examples=20)
@given(pq=st.tuples(st.integers(1, 4), st.integers(2, 6)).flatmap(
    lambda shape: st.tuples(s.probability_rows(shape), s.probability_rows(shape))))
def test_cross_entropy_bits_gibbs(student, pq):
    """Per row of a batch: H(p, p) = H(p), and H(p, q) >= H(p) (Gibbs' inequality)."""
    p, q = pq
    entropy = expect_shape(student.entropy_bits(p), p.shape[:-1], "entropy_bits(p)")
    expect_close(student.cross_entropy_bits(p, p), entropy, "cross_entropy_bits(p, p) vs entropy_bits(p)",
                 rtol=1e-9, atol=1e-12)
    got = expect_shape(student.cross_entropy_bits(p, q), p.shape[:-1], "cross_entropy_bits(p, q)")
    expect_true(np.all(got >= entropy - 1e-9), "cross_entropy_bits(p, q) is less than entropy_bits(p)",
                got=got, expected=f">= {entropy}")
