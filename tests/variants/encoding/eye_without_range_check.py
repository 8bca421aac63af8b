"""np.eye(C)[labels] with no range check: -1 silently becomes the last class, C raises IndexError."""
import numpy as np

CAUGHT_BY = ["rejects_out_of_range_labels"]
MISTAKE = "Your one_hot indexes np.eye(num_classes) without a range check, so -1 becomes the last class and num_classes raises IndexError: raise ValueError for labels outside 0..num_classes-1 first."
PASSES = ["one_hot_course_notes_example", "round_trip", "one_hot_matches_reference", "one_hot_is_float64", "empty_input"]


def one_hot(labels, num_classes):
    return np.eye(num_classes)[np.asarray(labels, dtype=int)]
