"""Same mistake as no_max_shift (exp of the raw scores, no max subtracted), written another way:
the course notes' exp_a / sum_exp_a names, and the row sums taken with the array method."""
import numpy as np

CAUGHT_BY = ["course_notes_example_no_overflow", "extreme_scores_stay_finite"]
MISTAKE = "Your softmax takes exp of the raw scores without subtracting the max, so exp overflows to inf and gives nan for large scores: subtract np.max(a, axis=-1, keepdims=True) first."
PASSES = ["course_notes_example_small"]


def softmax(a):
    exp_a = np.exp(a)
    sum_exp_a = exp_a.sum(axis=-1, keepdims=True)
    y = exp_a / sum_exp_a
    return y
