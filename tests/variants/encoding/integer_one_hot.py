"""Builds the rows as an int array (np.zeros(..., dtype=int)): right values, not the documented float64."""
import numpy as np

CAUGHT_BY = ["one_hot_is_float64", "empty_input"]
MISTAKE = "Your one_hot builds an int array (dtype=int) instead of float64: create the zeros with the default float64 dtype and set the ones to 1.0."
PASSES = ["one_hot_course_notes_example", "round_trip", "one_hot_matches_reference", "rejects_out_of_range_labels"]


def one_hot(labels, num_classes):
    labels = np.asarray(labels, dtype=int)
    if np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError("label out of range")
    encoded = np.zeros((labels.size, num_classes), dtype=int)
    encoded[np.arange(labels.size), labels] = 1
    return encoded
