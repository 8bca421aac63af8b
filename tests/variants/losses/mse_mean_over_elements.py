"""mean_squared_error as 0.5 * np.mean: divides by every element (N * K), not by the batch size N."""
import numpy as np

CAUGHT_BY = ["mse_course_notes_example", "mse_one_hot_examples", "mse_batch_example", "mse_matches_reference"]
MISTAKE = "Your mean_squared_error uses 0.5 * np.mean, dividing by every element (N * K) instead of the batch size N: sum the squares, halve, and divide by y.shape[0] only for 2-D input."
PASSES = ["mse_is_batch_average"]


def mean_squared_error(y, t):
    return 0.5 * np.mean((np.asarray(y) - np.asarray(t)) ** 2)
