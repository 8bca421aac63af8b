"""mean_squared_error without the 1/2: sum((y - t)**2), twice the course's E."""
import numpy as np

CAUGHT_BY = ["mse_course_notes_example", "mse_one_hot_examples", "mse_batch_example", "mse_matches_reference"]
MISTAKE = "Your mean_squared_error leaves out the 1/2 of the definition, so it is twice too large: multiply the batch-averaged sum of squares by 0.5."
PASSES = ["mse_is_batch_average"]


def mean_squared_error(y, t):
    y, t = np.asarray(y, dtype=float), np.asarray(t, dtype=float)
    n = y.shape[0] if y.ndim == 2 else 1
    return np.sum((y - t) ** 2) / n
