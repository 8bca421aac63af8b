"""Returns the row sums: one number per row instead of one probability per score."""
import numpy as np

STATUS = "failed"
MESSAGE = "wrong shape|is wrong"


def softmax(a):
    return np.sum(a, axis=-1)
