"""Typo exp(x) for exp(-x): 1 / (1 + exp(x)) is a decreasing curve (it is sigmoid(-x))."""
import numpy as np

CAUGHT_BY = ["sigmoid_course_notes_values", "sigmoid_range_and_symmetry", "matches_reference[sigmoid]"]
MISTAKE = "Your sigmoid has its two branches swapped, so it computes 1 / (1 + exp(x)) = sigmoid(-x): with e = exp(-|x|), use 1 / (1 + e) for x >= 0 and e / (1 + e) for x < 0."


def sigmoid(x):
    x = np.asarray(x)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, e / (1.0 + e), 1.0 / (1.0 + e))
