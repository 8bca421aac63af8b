"""from_one_hot takes argmax over axis 0 (down the columns) instead of over each row."""
import numpy as np

CAUGHT_BY = ["from_one_hot_course_notes_example", "round_trip", "from_one_hot_matches_reference"]
MISTAKE = "Your from_one_hot takes argmax over axis 0 (down the columns) instead of along each row: use np.argmax(onehot, axis=1)."
PASSES = ["one_hot_course_notes_example", "one_hot_matches_reference"]


def from_one_hot(onehot):
    return np.argmax(onehot, axis=0)
