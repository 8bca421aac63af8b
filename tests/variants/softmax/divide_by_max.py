"""Scales the scores by their max instead of subtracting it: no overflow, but no longer softmax."""
import numpy as np

CAUGHT_BY = ["shift_invariance", "course_notes_example_small", "matches_reference"]
MISTAKE = "Your softmax divides the scores by their largest absolute value instead of subtracting the max: use exp(a - np.max(a, axis=-1, keepdims=True))."
PASSES = ["rows_sum_to_one", "extreme_scores_stay_finite", "order_preserved"]


def softmax(a):
    a = np.asarray(a, dtype=float)
    scale = np.max(np.abs(a), axis=-1, keepdims=True)
    e = np.exp(a / np.where(scale == 0, 1.0, scale))
    return e / np.sum(e, axis=-1, keepdims=True)
