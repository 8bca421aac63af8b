"""exp(-a) instead of exp(a) (a sign slip copied from the sigmoid): the largest score gets the smallest share."""
import numpy as np

CAUGHT_BY = ["order_preserved", "shift_invariance", "extreme_scores_stay_finite", "course_notes_example_small",
             "matches_reference"]
MISTAKE = "Your softmax negates the scores, computing exp(-a), so the largest score gets the smallest probability: use exp(a - np.max(a, axis=-1, keepdims=True))."
PASSES = ["rows_sum_to_one"]


def softmax(a):
    a = -np.asarray(a, dtype=float)
    e = np.exp(a - np.max(a, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)
