"""step returns the comparison x > 0 itself: an array of True/False, not numbers."""
import numpy as np

CAUGHT_BY = ["shapes_and_dtypes"]
MISTAKE = "Your step returns a bool array (True/False) instead of numbers: convert the comparison with (x > 0).astype(np.float64)."
PASSES = ["step_course_notes_example", "step_is_zero_or_one", "matches_reference[step]"]


def step(x):
    return np.asarray(x) > 0
