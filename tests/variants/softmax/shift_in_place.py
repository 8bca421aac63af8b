"""Shifts the scores in place (a -= max): right probabilities, but the caller's scores are
changed, which the docstring does not allow; every check fails."""
import numpy as np

CAUGHT_BY = ["course_notes_example_no_overflow", "course_notes_example_small", "rows_sum_to_one", "extreme_scores_stay_finite",
             "shift_invariance", "order_preserved", "batch_rows_far_apart", "matches_reference", "float32_input"]
MISTAKE = "Your softmax shifts the scores in place (a -= max), changing the caller's array: compute a new array, a - np.max(a, axis=-1, keepdims=True)."


def softmax(a):
    a -= np.max(a, axis=-1, keepdims=True)
    e = np.exp(a)
    return e / np.sum(e, axis=-1, keepdims=True)
