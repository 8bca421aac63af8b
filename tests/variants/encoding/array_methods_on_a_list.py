"""Compares and indexes labels without np.asarray first: a plain list (as in course notes 000) raises TypeError."""
import numpy as np

CAUGHT_BY = ["one_hot_course_notes_example", "rejects_out_of_range_labels", "num_classes_sets_width",
             "one_hot_matches_reference"]
MISTAKE = "Your one_hot compares and indexes the labels as given, so a plain list raises TypeError: convert them first with labels = np.asarray(labels)."
PASSES = ["one_hot_rows_have_a_single_one", "round_trip", "empty_input"]


def one_hot(labels, num_classes):
    if np.any((labels < 0) | (labels >= num_classes)):
        raise ValueError("label out of range")
    encoded = np.zeros((labels.size, num_classes))
    encoded[np.arange(labels.size), labels] = 1.0
    return encoded
