"""from_one_hot as onehot @ [0, 1, ..., C-1]: float labels, and a weighted mean for score rows."""
import numpy as np

CAUGHT_BY = ["from_one_hot_returns_integers", "from_one_hot_matches_reference", "empty_input"]
MISTAKE = "Your from_one_hot multiplies the rows by [0, 1, ..., C-1], giving float labels and weighted averages for score rows: use np.argmax(onehot, axis=1)."
PASSES = ["from_one_hot_course_notes_example", "round_trip"]


def from_one_hot(onehot):
    onehot = np.asarray(onehot, dtype=float)
    return onehot @ np.arange(onehot.shape[1])
