"""The first softmax listing of the course notes, part 002 (`exp_a = np.exp(a)`;
`sum_exp_a = np.sum(exp_a)`; `y = exp_a / sum_exp_a`, for [0.3, 2.9, 4.0]), applied to each
row: right for that example, but exp(1010) overflows to inf, and inf / inf = nan, which is
what the notes go on to fix."""
import numpy as np

CAUGHT_BY = ["course_notes_example_no_overflow", "extreme_scores_stay_finite", "matches_reference"]
MISTAKE = "Your softmax takes exp of the raw scores without subtracting the max, so exp overflows to inf and gives nan for large scores: subtract np.max(a, axis=-1, keepdims=True) first."
PASSES = ["course_notes_example_small", "rows_sum_to_one", "order_preserved"]


def softmax(a):
    a = np.asarray(a, dtype=float)
    rows = a.reshape(-1, a.shape[-1])
    out = np.empty_like(rows)
    for i, row in enumerate(rows):
        exp_a = np.exp(row)
        sum_exp_a = np.sum(exp_a)
        out[i] = exp_a / sum_exp_a
    return out.reshape(a.shape)
