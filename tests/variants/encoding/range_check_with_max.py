"""Checks the range with labels.min() / labels.max(): raises on an empty batch (the min of nothing)."""
import numpy as np

CAUGHT_BY = ["empty_input"]
MISTAKE = "Your one_hot checks the range with labels.min() and labels.max(), which raise on an empty batch: use np.any((labels < 0) | (labels >= num_classes)), which works for no labels."
PASSES = ["one_hot_course_notes_example", "num_classes_sets_width", "rejects_out_of_range_labels",
          "from_one_hot_matches_reference"]


def one_hot(labels, num_classes):
    labels = np.asarray(labels, dtype=int)
    if labels.min() < 0 or labels.max() >= num_classes:
        raise ValueError("label out of range")
    return np.eye(num_classes)[labels]
