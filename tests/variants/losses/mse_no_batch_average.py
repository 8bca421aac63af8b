"""mean_squared_error forgets the batch: 1/2 * sum over all samples, not divided by N."""
import numpy as np

CAUGHT_BY = ["mse_batch_example", "mse_is_batch_average", "mse_matches_reference"]
MISTAKE = "Your mean_squared_error sums the squared errors over the whole batch without dividing by the batch size: divide by N = y.shape[0] when y is 2-D."
PASSES = ["mse_course_notes_example", "mse_one_hot_examples"]


def mean_squared_error(y, t):
    return 0.5 * np.sum((np.asarray(y) - np.asarray(t)) ** 2)
