"""Forks a child that leaves its process group and lives on after the call returns."""
import ctypes
import os
import time

import numpy as np

STATUS = "error"
MESSAGE = r"left 1 child process\(es\) running"
ORPHAN_NAME = "dlgrade-orphan"   # the child's process name, so the test can look for it


def softmax(a):
    if os.fork() == 0:
        os.setsid()
        ctypes.CDLL(None).prctl(15, ORPHAN_NAME.encode(), 0, 0, 0)  # PR_SET_NAME
        time.sleep(1000)
        os._exit(0)
    e = np.exp(a - np.max(a, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)
