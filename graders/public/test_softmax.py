"""Public self-checks for softmax: properties and the course notes' worked examples.

A property counts only for an output that is a softmax: every row a probability
distribution in which a larger score gets a strictly larger probability (where float32
can tell them apart). Every input has, in its first row, two scores at least 1 apart at
the top of the row, so that zeros, a uniform distribution or the scores themselves fail.
"""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graders.testing import strategies as s
from graders.testing.expect import CheckFailed, expect_close, expect_distribution, expect_shape, tolerance
from graders.testing.shared.softmax import batch_shapes, last_axis_rows, score_arrays

SHIFT_HINT = ("The course notes' first formula np.exp(a) / np.sum(np.exp(a)) overflows for scores above 709 "
              "(inf / inf = nan): subtract each row's max first, as course notes 002 do.")
ROW_MAX_HINT = ("Subtract each row's own max, np.max(a, axis=-1, keepdims=True), not np.max(a) of the whole "
                "batch: a row 1000 below the batch's max gives exp(-1000) = 0 everywhere, and 0 / 0 = nan.")
# Scores this far apart get probabilities float32 code tells apart, even for scores near ±1000
# (whose float32 rounding moves them by 6e-5).
MARGIN = 1e-3
# A score within 80 of its row's max has a probability of at least exp(-80) / K, a normal
# float32 number; further down, float32 code may round both of two probabilities to 0.
REACH = 80.0


def expect_softmax(got, a, what, *, ordered=True, hint=""):
    """``got`` has a's shape, each row is a probability distribution, and within a row a score at
    least MARGIN above another (and within REACH of the row's max) gets a strictly larger
    probability (``ordered``) or, at least, a different one. Returns it as an array."""
    p = expect_distribution(got, a.shape, what, hint)
    scores, probs = last_axis_rows(a).astype(float), last_axis_rows(p).astype(float)
    near_top = scores >= scores.max(axis=1, keepdims=True) - REACH
    above = near_top[:, :, None] & (scores[:, :, None] - scores[:, None, :] >= MARGIN)
    same = probs[:, :, None] == probs[:, None, :]
    wrong = above & ((probs[:, :, None] <= probs[:, None, :]) if ordered else same)
    if np.any(wrong):
        row, i, j = np.argwhere(wrong)[0]
        where = f" in row {row}" if scores.shape[0] > 1 else ""
        relation = "not more than" if ordered else "the same as"
        raise CheckFailed(f"{what}: score {scores[row, i]:g} gets probability {probs[row, i]:.8g}, {relation} "
                          f"score {scores[row, j]:g} ({probs[row, j]:.8g}){where}; a softmax gives a larger score "
                          "a larger probability", got=p, hint=hint)
    return p


@pytest.mark.hint(SHIFT_HINT)
def test_course_notes_example_no_overflow(student):
    """softmax([1010, 1000, 990]) is finite and matches course notes 002."""
    got = expect_shape(student.softmax(np.array([1010.0, 1000.0, 990.0])), (3,), "softmax([1010, 1000, 990])")
    # The notes print 9 significant digits: 9, 13 and 17 decimals.
    for k, (value, decimals) in enumerate(zip([9.99954600e-01, 4.53978686e-05, 2.06106005e-09], (9, 13, 17))):
        expect_close(got[k], value, f"softmax([1010, 1000, 990])[{k}]", tol=tolerance(printed_decimals=decimals))


def test_course_notes_example_small(student):
    """softmax([0.3, 2.9, 4.0]) matches course notes 002."""
    got = student.softmax(np.array([0.3, 2.9, 4.0]))
    expect_close(got, [0.01821127, 0.24519181, 0.73659691], "softmax([0.3, 2.9, 4.0])",
                 tol=tolerance(printed_decimals=8))


@pytest.mark.hint("Sum over the last axis only (axis=-1, keepdims=True), not over the whole array.")
@given(a=score_arrays())
def test_rows_sum_to_one(student, a):
    """Every row (last axis) is a probability distribution that depends on its scores, for any batch shape."""
    expect_softmax(student.softmax(a), a, "softmax(a)", ordered=False)


@pytest.mark.hint(SHIFT_HINT)
@given(a=score_arrays(-1000, 1000, shapes=st.integers(2, 8).map(lambda k: (k,)), top=s.floats(710, 1000)))
def test_extreme_scores_stay_finite(student, a):
    """A vector of scores as large as ±1000 (one above 709) still gives probabilities: no nan, no inf."""
    expect_softmax(student.softmax(a), a, "softmax(a)")


@given(a=score_arrays(-20, 20, shapes=batch_shapes(max_dims=2)), c=s.floats(-100, 100))
def test_shift_invariance(student, a, c):
    """softmax(a + c) == softmax(a) for any constant c."""
    plain = expect_softmax(student.softmax(a), a, "softmax(a)")
    shifted = expect_softmax(student.softmax(a + c), a + c, "softmax(a + c)")
    # Each call may round its scores to float32, which moves the probabilities by |scores| times that.
    condition = float(np.max(np.abs(a)) + np.max(np.abs(a + c)))
    expect_close(shifted, plain, "softmax(a + c) vs softmax(a)", tol=tolerance(condition=condition))


# Scores from a few values (so that rows hold ties) and from [-20, 20].
TIED_SCORES = st.one_of(st.sampled_from([-2.0, 0.0, 0.5, 3.0]), s.floats(-20, 20))


@given(a=score_arrays(shapes=batch_shapes(max_dims=2), elements=TIED_SCORES))
def test_order_preserved(student, a):
    """Within a row, a larger score gets a larger probability, and equal scores get equal probabilities."""
    got = expect_softmax(student.softmax(a), a, "softmax(a)")
    scores, probs = last_axis_rows(a), last_axis_rows(got).astype(float)
    tol = tolerance()
    tied = scores[:, :, None] == scores[:, None, :]
    apart = np.abs(probs[:, :, None] - probs[:, None, :]) > tol.atol + tol.rtol * np.abs(probs[:, None, :])
    if np.any(tied & apart):
        row, i, j = np.argwhere(tied & apart)[0]
        raise CheckFailed(f"softmax(a): equal scores {scores[row, i]:g} get different probabilities "
                          f"{probs[row, i]:.8g} and {probs[row, j]:.8g}", got=got)


@st.composite
def rows_far_apart(draw):
    """(n, K) batches, n >= 2, whose rows lie at different levels: row 0 in [500, 1000], row 1 in
    [-1000, -500], any others in between; the scores of a row spread over 40 around its level."""
    n, k = draw(st.integers(2, 4)), draw(st.integers(2, 5))
    levels = [draw(s.floats(500, 980)), draw(s.floats(-980, -500))] + [draw(s.floats(-980, 980)) for _ in range(n - 2)]
    spread = draw(score_arrays(-20, 20, shapes=st.just((n, k))))
    return np.asarray(levels)[:, None] + spread


@pytest.mark.hint(ROW_MAX_HINT)
@given(a=rows_far_apart())
def test_batch_rows_far_apart(student, a):
    """In a batch, each row gets its own softmax, even with one row near 1000 and another near -1000."""
    batch = expect_softmax(student.softmax(a), a, "softmax(a)")
    for row in range(a.shape[0]):
        alone = expect_softmax(student.softmax(a[row]), a[row], f"softmax(a[{row}])")
        expect_close(batch[row], alone, f"row {row} of softmax(a) compared with softmax(a[{row}]) on its own")
