"""np.eye(C)[labels] with no range check: -1 silently becomes the last class, C raises IndexError."""
import numpy as np

CAUGHT_BY = ["rejects_out_of_range_labels"]
PASSES = ["one_hot_course_notes_example", "round_trip", "one_hot_matches_reference", "one_hot_is_float64", "empty_input"]


def one_hot(labels, num_classes):
    return np.eye(num_classes)[np.asarray(labels, dtype=int)]
