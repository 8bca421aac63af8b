"""The range check uses labels > num_classes instead of >=: label C slips through, and indexing
column C then raises IndexError, not the documented ValueError."""
import numpy as np

CAUGHT_BY = ["rejects_out_of_range_labels"]
MISTAKE = "Your one_hot checks labels > num_classes instead of >=, so a label equal to num_classes passes the check and then raises IndexError: reject labels >= num_classes with ValueError."
PASSES = ["one_hot_course_notes_example", "round_trip", "one_hot_matches_reference", "empty_input"]


def one_hot(labels, num_classes):
    labels = np.asarray(labels, dtype=np.int64).reshape(-1)
    if np.any((labels < 0) | (labels > num_classes)):
        raise ValueError("label out of range")
    encoded = np.zeros((labels.size, num_classes))
    encoded[np.arange(labels.size), labels] = 1.0
    return encoded
