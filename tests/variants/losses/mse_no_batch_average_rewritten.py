"""Same mistake as mse_no_batch_average (the halved sum of squares over the whole batch, never
divided by N), written another way: the difference and its square in helper variables."""
import numpy as np

CAUGHT_BY = ["mse_batch_example", "mse_is_batch_average", "mse_matches_reference"]
MISTAKE = "Your mean_squared_error sums the squared errors over the whole batch without dividing by the batch size: divide by N = y.shape[0] when y is 2-D."
PASSES = ["mse_course_notes_example", "mse_one_hot_examples"]


def mean_squared_error(y, t):
    diff = np.asarray(y) - np.asarray(t)
    squares = diff * diff
    total = squares.sum()
    return total * 0.5
