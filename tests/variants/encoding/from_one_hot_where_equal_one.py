"""from_one_hot looks for the entries equal to 1: fine for exact one-hot rows, wrong for scores."""
import numpy as np

CAUGHT_BY = ["from_one_hot_matches_reference"]
MISTAKE = "Your from_one_hot looks for entries equal to 1, which only works for exact one-hot rows and not for scores: use np.argmax(onehot, axis=1)."
PASSES = ["from_one_hot_course_notes_example", "round_trip"]


def from_one_hot(onehot):
    return np.nonzero(np.asarray(onehot) == 1)[1]
