"""Softmax straight from the formula: exp overflows for scores near 1000."""
import numpy as np

CAUGHT_BY = ["course_notes_example_no_overflow", "extreme_scores_stay_finite"]
PASSES = ["course_notes_example_small"]


def softmax(a):
    e = np.exp(a)
    return e / np.sum(e, axis=-1, keepdims=True)
