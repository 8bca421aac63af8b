"""Prints two million characters per call (and writes a megabyte straight to file descriptors 1 and 2)."""
import os
import sys

import numpy as np

STATUS = "error"
MESSAGE = "printed 2.0 million characters in one call"


def softmax(a):
    os.write(1, b"o" * 2**20)
    os.write(2, b"e" * 2**20)
    sys.__stderr__.write("x" * 2**20)
    print("debug " * 333_334, end="")
    e = np.exp(a - np.max(a, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)
