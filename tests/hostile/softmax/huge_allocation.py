"""Allocates 50 GB: the worker's memory limit turns it into a MemoryError."""
import numpy as np

STATUS = "error"
MESSAGE = "raised MemoryError"


def softmax(a):
    scratch = np.ones(50 * 2**30 // 8)
    return scratch[: a.size].reshape(a.shape)
