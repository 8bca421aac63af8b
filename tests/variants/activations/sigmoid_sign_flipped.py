"""Typo exp(x) for exp(-x): 1 / (1 + exp(x)) is a decreasing curve (it is sigmoid(-x))."""
import numpy as np

CAUGHT_BY = ["sigmoid_course_notes_values", "sigmoid_range_and_symmetry", "matches_reference[sigmoid]"]


def sigmoid(x):
    x = np.asarray(x)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, e / (1.0 + e), 1.0 / (1.0 + e))
