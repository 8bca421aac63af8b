"""Takes the mean of 1/2 (t - o)^2 over the outputs instead of the sum."""
import numpy as np

CAUGHT_BY = ["total_error_course_notes_example", "total_error_matches_reference"]
MISTAKE = "Your total_error takes the mean of 1/2 (t - o)^2 over the outputs instead of the sum: use np.sum, not np.mean."
PASSES = ["forward_course_notes_example", "output_grads_course_notes_example", "step_course_notes_example"]


def total_error(o, t):
    return float(np.mean(0.5 * (np.asarray(t) - np.asarray(o)) ** 2))
