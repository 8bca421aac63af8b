"""Public self-checks for losses: the course notes' worked numbers, closed forms, edge cases, properties."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from graders.testing import strategies as s
from graders.testing.expect import EXACT, expect_close, expect_shape, expect_true, tolerance
from graders.testing.shared.losses import EPS, bce_tolerance, log_tolerance

# Course notes 001, the 2-2-2 network: outputs o1, o2 against targets 0.4, 0.6 before and after one update.
NOTES_TARGETS = np.array([0.4, 0.6])
NOTES_OUTPUTS = np.array([0.60944600, 0.66384491])         # E_o1 0.02193381, E_o2 0.00203809, E_total 0.02397190
NOTES_OUTPUTS_UPDATED = np.array([0.60617688, 0.66295848])  # E_total 0.02323634
# The notes print 8 decimals, the outputs too: their rounding moves E by less than 2e-9.
NOTES_TOLERANCE = tolerance(printed_decimals=8)
# The "2 is the answer" example: t says class 2; y1 puts 0.6 on class 2, y2 puts 0.6 on class 7.
T_TWO = np.eye(10)[2]
Y_RIGHT = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
Y_WRONG = np.array([0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0])
LOG_EPS = -np.log(EPS)        # 16.118...: the cost of probability 0 for the true class
SURE_HIT = -np.log(1 + EPS)   # -1e-7: the cost of probability 1 for the true class
BATCH_HINT = "Divide the batch's total by the number of samples N = y.shape[0] (2-D input only)."


def number(got, what):
    """The student's scalar result as a float, or a failed check saying what it was."""
    value = expect_shape(got, (), what, hint="Return one number (a float), not an array.")
    expect_true(np.isfinite(value), f"{what} is nan or inf", got=value)
    return float(value)


@st.composite
def regression_batches(draw):
    """(y, t): two (N, K) float arrays in [-11, 11] that differ at [0, 0] by 1 (the error is not 0)."""
    shape = (draw(st.integers(1, 5)), draw(st.integers(1, 6)))
    y = draw(s.float_arrays(shape, low=-10, high=10))
    t = draw(s.float_arrays(shape, low=-10, high=10))
    t[0, 0] = y[0, 0] + draw(st.sampled_from([-1.0, 1.0]))
    return y, t


@st.composite
def label_batches(draw):
    """(y, labels): N >= 2 rows of distributions over K classes, labels in [0, K). The true classes' probabilities
    are distinct multiples of 0.01 (0 and 1 included); the rest of each row is spread at random."""
    n, k = draw(st.integers(2, 6)), draw(st.integers(2, 6))
    hits = np.array(draw(st.lists(st.integers(0, 100), min_size=n, max_size=n, unique=True))) / 100
    labels = draw(s.arrays(np.int64, (n,), st.integers(0, k - 1)))
    rest = draw(s.arrays(np.float64, (n, k), st.floats(0.01, 1.0)))
    rows = np.arange(n)
    rest[rows, labels] = 0.0
    y = rest / rest.sum(axis=1, keepdims=True) * (1 - hits)[:, np.newaxis]
    y[rows, labels] = hits
    return y, labels


@st.composite
def binary_predictions(draw):
    """(p, t): predicted probabilities (exactly 0 or 1, or in [0, 0.99]) and 0/1 targets of one shape; the first
    prediction puts at least 1/2 on the wrong class (the loss is not 0)."""
    shape = draw(s.shapes(1, 2))
    p = draw(hnp.arrays(np.float64, shape, elements=st.one_of(st.sampled_from([0.0, 1.0]), st.floats(0.0, 0.99))))
    t = draw(hnp.arrays(np.float64, shape, elements=st.sampled_from([0.0, 1.0])))
    p.flat[0] = abs(t.flat[0] - draw(st.floats(0.5, 1.0)))
    return p, t


def distributions(min_side=2, max_side=5):
    """One probability distribution over 2 to 5 outcomes, every probability > 0."""
    return s.probability_rows(s.shapes(1, 1, min_side=min_side, max_side=max_side))


# -- mean squared error -------------------------------------------------------------------

@pytest.mark.hint("E = 1/2 * sum((y - t)**2): keep the 1/2.")
def test_mse_course_notes_example(student):
    """Course notes 001: E_o1 = 0.02193381, E_o2 = 0.00203809, E_total = 0.02397190; after the update 0.02323634."""
    for outputs, targets, expected, what in [
            (NOTES_OUTPUTS[:1], NOTES_TARGETS[:1], 0.02193381, "mean_squared_error([0.609446], [0.4]) (E_o1)"),
            (NOTES_OUTPUTS[1:], NOTES_TARGETS[1:], 0.00203809, "mean_squared_error([0.66384491], [0.6]) (E_o2)"),
            (NOTES_OUTPUTS, NOTES_TARGETS, 0.02397190, "mean_squared_error([0.609446, 0.66384491], [0.4, 0.6])"),
            (NOTES_OUTPUTS_UPDATED, NOTES_TARGETS, 0.02323634,
             "mean_squared_error([0.60617688, 0.66295848], [0.4, 0.6]) (after the update)")]:
        expect_close(number(student.mean_squared_error(outputs, targets), what), expected, what, tol=NOTES_TOLERANCE)


@pytest.mark.hint("E = 1/2 * sum((y - t)**2): keep the 1/2, and sum over the classes.")
def test_mse_one_hot_examples(student):
    """With t one-hot for class 2: y1 (0.6 on class 2) gives 0.0975, y2 (0.6 on class 7) gives 0.5975."""
    expect_close(student.mean_squared_error(Y_RIGHT, T_TWO), 0.0975, "mean_squared_error(y1, t)")
    expect_close(student.mean_squared_error(Y_WRONG, T_TWO), 0.5975, "mean_squared_error(y2, t)")


@pytest.mark.hint(BATCH_HINT)
def test_mse_batch_example(student):
    """A batch [y1, y2] against [t, t] gives the mean of the two errors, (0.0975 + 0.5975) / 2."""
    got = student.mean_squared_error(np.stack([Y_RIGHT, Y_WRONG]), np.stack([T_TWO, T_TWO]))
    expect_close(got, 0.3475, "mean_squared_error([y1, y2], [t, t])")


@pytest.mark.hint(BATCH_HINT)
@given(yt=regression_batches(), copies=st.integers(2, 3))
def test_mse_is_batch_average(student, yt, copies):
    """A batch's MSE is the mean of its samples' MSEs (so repeating the batch changes nothing); MSE(y, y) = 0 and
    MSE(y, t) > 0 for y != t."""
    y, t = yt
    expect_close(number(student.mean_squared_error(y, y.copy()), "mean_squared_error(y, y)"), 0.0,
                 "mean_squared_error(y, y) (no error at all)", tol=EXACT)
    batch = number(student.mean_squared_error(y, t), "mean_squared_error(y, t)")
    expect_true(batch > 0, "mean_squared_error(y, t) should be > 0: y and t differ by 1 at [0, 0]", got=batch)
    per_sample = [number(student.mean_squared_error(y[i], t[i]), f"mean_squared_error(y[{i}], t[{i}])")
                  for i in range(len(y))]
    expect_true(all(e >= 0 for e in per_sample), "mean_squared_error is negative", got=per_sample)
    expect_close(batch, np.mean(per_sample), "mean_squared_error(y, t) vs the mean of the per-sample errors",
                 tol=tolerance(steps=y.size))
    expect_close(student.mean_squared_error(np.tile(y, (copies, 1)), np.tile(t, (copies, 1))), batch,
                 f"mean_squared_error of the batch repeated {copies} times", tol=tolerance(steps=copies * y.size))


# -- cross-entropy error ------------------------------------------------------------------

@pytest.mark.hint("E = -sum(t * log(y + 1e-7)), natural log, of the probabilities as given (nn.CrossEntropyLoss "
                  "takes scores and would apply softmax to them again).")
def test_cee_worked_examples(student):
    """CEE with one-hot t: -log(0.6 + 1e-7) = 0.51082546 for y1, -log(0.1 + 1e-7) = 2.30258409 for y2."""
    expect_close(student.cross_entropy_error(Y_RIGHT, T_TWO), -np.log(0.6 + EPS), "cross_entropy_error(y1, t)",
                 tol=log_tolerance())
    expect_close(student.cross_entropy_error(Y_WRONG, T_TWO), -np.log(0.1 + EPS), "cross_entropy_error(y2, t)",
                 tol=log_tolerance())


@pytest.mark.hint("Labels are class indices: pick y[np.arange(N), t] (for 1-D y, y[t]).")
def test_cee_label_examples(student):
    """Label targets: class 2 for y1 gives 0.51082546; the batch [y1, y2] with labels [2, 2] gives their mean."""
    expect_close(student.cross_entropy_error(Y_RIGHT, 2), -np.log(0.6 + EPS), "cross_entropy_error(y1, 2)",
                 tol=log_tolerance())
    expect_close(student.cross_entropy_error(np.stack([Y_RIGHT, Y_WRONG]), np.array([2, 2])),
                 -(np.log(0.6 + EPS) + np.log(0.1 + EPS)) / 2, "cross_entropy_error([y1, y2], [2, 2])",
                 tol=log_tolerance(2))


@pytest.mark.hint("Add eps = 1e-7 inside the log: np.log(y + 1e-7).")
def test_cee_zero_probability_is_finite(student):
    """Probability 0 for the true class costs -log(1e-7) = 16.118..., not inf or nan; a sure hit costs -1e-7."""
    expect_close(student.cross_entropy_error(np.array([1.0, 0.0, 0.0]), np.array([0.0, 1.0, 0.0])), LOG_EPS,
                 "cross_entropy_error([1, 0, 0], [0, 1, 0])", tol=log_tolerance())
    expect_close(student.cross_entropy_error(np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([1, 0])), LOG_EPS,
                 "cross_entropy_error([[1, 0], [0, 1]], labels [1, 0])", tol=log_tolerance(2))
    expect_close(student.cross_entropy_error(np.array([0.0, 1.0]), np.array([0.0, 1.0])), SURE_HIT,
                 "cross_entropy_error([0, 1], [0, 1])", tol=log_tolerance())


@pytest.mark.hint("One-hot rows and label indices describe the same targets; a batch's loss is the mean "
                  "of its samples' losses: divide by N = y.shape[0].")
@given(batch=label_batches())
def test_cee_labels_match_one_hot(student, batch):
    """A sample costs more the less probability it gives its true class; label and one-hot targets give the same
    loss, and a batch's loss is the mean over its samples."""
    y, labels = batch
    n, k = y.shape
    one_hot = np.eye(k)[labels]
    per_sample = np.array([number(student.cross_entropy_error(y[i], one_hot[i]),
                                  f"cross_entropy_error(y[{i}], t[{i}])") for i in range(n)])
    hits = y[np.arange(n), labels]
    by_hit = np.argsort(hits)
    expect_true(np.all(np.diff(per_sample[by_hit]) < 0),
                "cross_entropy_error should be larger for a smaller probability of the true class",
                got=f"probabilities of the true class {hits[by_hit]} cost {per_sample[by_hit]}",
                hint="E = -log(y[true class] + 1e-7) for one sample: natural log, minus sign.")
    from_one_hot = expect_close(student.cross_entropy_error(y, one_hot), np.mean(per_sample),
                                "cross_entropy_error(y, one-hot t) vs the mean of the per-sample losses",
                                tol=log_tolerance(n * k))
    expect_close(student.cross_entropy_error(y, labels), from_one_hot,
                 "cross_entropy_error(y, labels) vs cross_entropy_error(y, one-hot t)", tol=log_tolerance(n * k))


# -- binary cross-entropy -----------------------------------------------------------------

@pytest.mark.hint("E = -mean(t * log(p + 1e-7) + (1 - t) * log(1 - p + 1e-7)).")
def test_bce_closed_forms(student):
    """BCE of p = 0.5 is log 2; of p = 0.9 for t = 1 is -log 0.9; of p = 0.8 for t = 0 is -log 0.2 (eps included)."""
    cases = [([0.5, 0.5], [1.0, 0.0], -np.log(0.5 + EPS)), ([0.9], [1.0], -np.log(0.9 + EPS)),
             ([0.8], [0.0], -np.log(0.2 + EPS))]
    for p, t, expected in cases:
        expect_close(student.binary_cross_entropy(np.array(p), np.array(t)), expected,
                     f"binary_cross_entropy({p}, {t})", tol=bce_tolerance(np.array(p)))


@pytest.mark.hint("Both logs need + 1e-7: log(1 - p + 1e-7) too, or p = 1 with t = 0 is log(0). "
                  "(nn.BCELoss caps the logs at -100 instead; here the eps is part of the definition.)")
def test_bce_certain_predictions(student):
    """p exactly 0 or 1: right answers cost -1e-7 (about 0), wrong ones -log(1e-7) = 16.118..., never inf or nan."""
    p, t = np.array([0.0, 1.0]), np.array([0.0, 1.0])
    expect_close(student.binary_cross_entropy(p, t), SURE_HIT, "binary_cross_entropy([0, 1], [0, 1])",
                 tol=log_tolerance(2))
    expect_close(student.binary_cross_entropy(p, 1 - t), LOG_EPS, "binary_cross_entropy([0, 1], [1, 0])",
                 tol=log_tolerance(2))


@pytest.mark.hint("Average with np.mean over every element, not np.sum.")
@given(pt=binary_predictions(), copies=st.integers(2, 3))
def test_bce_is_mean(student, pt, copies):
    """BCE > 0 for a wrong guess and -1e-7 (about 0) for p = t; swapping the classes (1 - p, 1 - t) changes nothing,
    and repeating the data changes nothing."""
    p, t = pt
    tol = bce_tolerance(p)
    expect_close(student.binary_cross_entropy(t, t.copy()), SURE_HIT, "binary_cross_entropy(t, t) (sure and right)",
                 tol=log_tolerance(p.size), hint="E = -mean(t * log(p + 1e-7) + (1 - t) * log(1 - p + 1e-7)).")
    once = number(student.binary_cross_entropy(p, t), "binary_cross_entropy(p, t)")
    expect_true(once > 0, "binary_cross_entropy(p, t) should be > 0: the first prediction is at least half wrong",
                got=once)
    expect_close(student.binary_cross_entropy(1 - p, 1 - t), once,
                 "binary_cross_entropy(1 - p, 1 - t) vs binary_cross_entropy(p, t)", tol=tol)
    expect_close(student.binary_cross_entropy(np.tile(p, copies), np.tile(t, copies)), once,
                 f"binary_cross_entropy of the data repeated {copies} times", tol=tol)


# -- entropy and cross-entropy in bits ----------------------------------------------------

@pytest.mark.hint("Use np.log2: a fair coin carries exactly 1 bit.")
def test_entropy_closed_forms(student):
    """A fair coin is 1 bit, a fair 8-sided die 3 bits, [1/2, 1/4, 1/4] 1.5 bits."""
    cases = [([0.5, 0.5], 1.0), (np.full(8, 1 / 8), 3.0), ([0.5, 0.25, 0.25], 1.5)]
    for p, expected in cases:
        expect_close(student.entropy_bits(np.array(p)), expected, f"entropy_bits({np.round(p, 3).tolist()})",
                     tol=tolerance(steps=len(p)))


@pytest.mark.hint("0 * log2(0) is nan in numpy: count the terms with p = 0 as 0 (np.where on p > 0).")
def test_entropy_with_zeros(student):
    """0 log 0 = 0: a sure event carries 0 bits, and zeros do not change a distribution's entropy."""
    expect_close(student.entropy_bits(np.array([1.0, 0.0, 0.0])), 0.0, "entropy_bits([1, 0, 0])",
                 tol=log_tolerance(3))
    expect_close(student.entropy_bits(np.array([0.5, 0.0, 0.5])), 1.0, "entropy_bits([0.5, 0, 0.5])",
                 tol=log_tolerance(3))


@pytest.mark.hint("Sum over the last axis only (axis=-1): each row of a batch is one distribution.")
@given(p=s.probability_rows(shape=s.shapes(2, 2, min_side=2)))
def test_entropy_per_row(student, p):
    """A batch (N, K) gets one entropy per row, the same as for that row alone, each in (0, log2 K]."""
    k = p.shape[-1]
    per_row = [number(student.entropy_bits(row), f"entropy_bits(p[{i}])") for i, row in enumerate(p)]
    expect_true(all(0 < h <= np.log2(k) * (1 + tolerance(steps=k).rtol) for h in per_row),
                f"entropy_bits of a distribution with no zero should be in (0, log2 K] = (0, {np.log2(k):.4f}]",
                got=per_row)
    expect_close(student.entropy_bits(p), per_row, "entropy_bits(p) for a batch vs row by row",
                 tol=log_tolerance(k))


@pytest.mark.hint("H(p) = sum(p * log2(1 / p)): for independent events the information adds up.")
@given(p=distributions(), q=distributions())
def test_entropy_adds_up(student, p, q):
    """Course notes 000: the information of two independent events adds up, so H(p x q) = H(p) + H(q) > 0."""
    h_p, h_q = number(student.entropy_bits(p), "entropy_bits(p)"), number(student.entropy_bits(q), "entropy_bits(q)")
    expect_true(h_p > 0 and h_q > 0, "entropy_bits of a distribution with no zero should be > 0", got=[h_p, h_q])
    joint = np.outer(p, q).ravel()
    expect_close(student.entropy_bits(joint), h_p + h_q,
                 "entropy_bits(np.outer(p, q).ravel()) vs entropy_bits(p) + entropy_bits(q)",
                 tol=log_tolerance(joint.size))


@pytest.mark.hint("H(p, q) = sum(p * log2(1 / q)): q inside the log, p outside.")
def test_cross_entropy_bits_closed_forms(student):
    """H([1/2, 1/2], [1/4, 3/4]) = 1 + log2(4/3) / 2; H([1, 0], [1/2, 1/2]) = 1 bit; zeros of p count 0."""
    cases = [([0.5, 0.5], [0.25, 0.75], 1 + 0.5 * np.log2(4 / 3)), ([1.0, 0.0], [0.5, 0.5], 1.0),
             ([1.0, 0.0, 0.0], [0.5, 0.5, 0.0], 1.0)]
    for p, q, expected in cases:
        expect_close(student.cross_entropy_bits(np.array(p), np.array(q)), expected,
                     f"cross_entropy_bits({p}, {q})", tol=log_tolerance(len(p)))


@pytest.mark.hint("H(p, q) >= H(p), with equality for q = p; sum over the last axis.")
@settings(max_examples=14)  # twice the 7 examples its slowest-caught buggy variant needs
@given(pq=st.tuples(st.integers(2, 4), st.integers(2, 5)).flatmap(
    lambda shape: st.tuples(s.probability_rows(shape), s.probability_rows(shape))))
def test_cross_entropy_bits_gibbs(student, pq):
    """Per row of a batch: H(p, p) = H(p) > 0 and H(p, q) >= H(p) (Gibbs' inequality); a row alone gives the same,
    and for independent pairs the cross-entropies add up."""
    p, q = pq
    k = p.shape[-1]
    tol = log_tolerance(k)
    entropy = expect_shape(student.entropy_bits(p), p.shape[:-1], "entropy_bits(p)")
    expect_true(np.all(entropy > 0), "entropy_bits of distributions with no zero should be > 0", got=entropy)
    expect_close(student.cross_entropy_bits(p, p.copy()), entropy, "cross_entropy_bits(p, p) vs entropy_bits(p)",
                 tol=tol)
    cross = expect_shape(student.cross_entropy_bits(p, q), p.shape[:-1], "cross_entropy_bits(p, q)")
    expect_true(np.all(cross >= entropy - tol.atol - tol.rtol * entropy),
                "cross_entropy_bits(p, q) is less than entropy_bits(p)", got=cross, expected=f">= {entropy}")
    first, second = (number(student.cross_entropy_bits(p[i], q[i]), f"cross_entropy_bits(p[{i}], q[{i}])")
                     for i in (0, 1))
    expect_close([first, second], cross[:2], "cross_entropy_bits of rows 0 and 1 alone vs in the batch", tol=tol)
    joint = number(student.cross_entropy_bits(np.outer(p[0], p[1]).ravel(), np.outer(q[0], q[1]).ravel()),
                   "cross_entropy_bits(p0 x p1, q0 x q1)")
    expect_close(joint, first + second, "cross_entropy_bits(np.outer(p[0], p[1]).ravel(), np.outer(q[0], q[1])"
                 ".ravel()) vs the sum of the two rows' cross-entropies", tol=log_tolerance(k * k))
