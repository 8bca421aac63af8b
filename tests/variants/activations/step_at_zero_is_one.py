"""step with x >= 0 (seed 001's threshold rule): step(0) = 1 instead of the documented 0."""
import numpy as np

CAUGHT_BY = ["step_course_notes_example", "step_is_zero_or_one", "matches_reference[step]"]
MISTAKE = "Your step tests x >= 0, so step(0) is 1 instead of the documented 0: use the strict test x > 0."


def step(x):
    return (np.asarray(x) >= 0).astype(np.float64)
