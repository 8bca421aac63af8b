"""The softmax plot listing of the course notes, part 001, `np.exp(x) / np.sum(np.exp(x))`,
with the sum taken per row (the kit's API): no max shift, so exp overflows to inf for scores
above 709, and inf / inf = nan."""
import numpy as np

CAUGHT_BY = ["course_notes_example_no_overflow", "extreme_scores_stay_finite", "batch_rows_far_apart", "matches_reference"]
MISTAKE = "Your softmax takes exp of the raw scores without subtracting the max, so exp overflows to inf and gives nan for large scores: subtract np.max(a, axis=-1, keepdims=True) first."
PASSES = ["course_notes_example_small", "rows_sum_to_one", "shift_invariance", "order_preserved", "float32_input"]


def softmax(a):
    return np.exp(a) / np.sum(np.exp(a), axis=-1, keepdims=True)
