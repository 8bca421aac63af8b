"""Softmax straight from the formula: exp overflows for scores near 1000."""
import numpy as np

CAUGHT_BY = ["course_notes_example_no_overflow", "extreme_scores_stay_finite"]
MISTAKE = "Your softmax takes exp of the raw scores without subtracting the max, so exp overflows to inf and gives nan for large scores: subtract np.max(a, axis=-1, keepdims=True) first."
PASSES = ["course_notes_example_small"]


def softmax(a):
    e = np.exp(a)
    return e / np.sum(e, axis=-1, keepdims=True)
