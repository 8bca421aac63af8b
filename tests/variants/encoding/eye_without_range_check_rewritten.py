"""Same mistake as eye_without_range_check (rows picked from an identity matrix with no range
check), written another way: np.identity kept in a variable, the labels converted with np.array."""
import numpy as np

CAUGHT_BY = ["rejects_out_of_range_labels"]
MISTAKE = "Your one_hot indexes np.eye(num_classes) without a range check, so -1 becomes the last class and num_classes raises IndexError: raise ValueError for labels outside 0..num_classes-1 first."
PASSES = ["one_hot_course_notes_example", "round_trip", "one_hot_matches_reference", "one_hot_is_float64", "empty_input"]


def one_hot(labels, num_classes):
    identity = np.identity(num_classes)
    label_array = np.array(labels, dtype=int)
    rows = identity[label_array]
    return rows
