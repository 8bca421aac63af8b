"""Checks the range with labels.min() / labels.max(): raises on an empty batch."""
import numpy as np

CAUGHT_BY = ["empty_input", "round_trip", "one_hot_matches_reference"]
PASSES = ["one_hot_seed_example", "num_classes_sets_width", "rejects_out_of_range_labels",
          "from_one_hot_matches_reference"]


def one_hot(labels, num_classes):
    labels = np.asarray(labels, dtype=int)
    if labels.min() < 0 or labels.max() >= num_classes:
        raise ValueError("label out of range")
    return np.eye(num_classes)[labels]
