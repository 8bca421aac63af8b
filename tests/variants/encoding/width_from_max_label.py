"""Takes the number of columns from labels.max() + 1 instead of num_classes."""
import numpy as np

CAUGHT_BY = ["num_classes_sets_width", "one_hot_matches_reference", "one_hot_rows_have_a_single_one"]
MISTAKE = "Your one_hot takes the width from labels.max() + 1 instead of num_classes, so a batch missing the last classes gets too few columns: always make num_classes columns."
PASSES = ["one_hot_course_notes_example", "from_one_hot_course_notes_example"]


def one_hot(labels, num_classes):
    labels = np.asarray(labels, dtype=int)
    if labels.size and (labels.min() < 0 or labels.max() >= num_classes):
        raise ValueError("label out of range")
    width = labels.max() + 1 if labels.size else num_classes
    encoded = np.zeros((labels.size, width))
    encoded[np.arange(labels.size), labels] = 1.0
    return encoded
