"""Four forked children hold 1 GiB each at once: each stays under a process's own memory cap,
together they are over the limit for the worker's whole process tree."""
import os
import time

import numpy as np

STATUS = "crashed"
MESSAGE = r"used more than \d+ MiB of memory together"
WITHOUT_CGROUP = r"may not start processes on this grader"


def softmax(a):
    children = []
    for _ in range(4):
        pid = os.fork()
        if pid == 0:
            hold = np.ones(2**30, dtype=np.uint8)   # written, so resident
            time.sleep(1)
            os._exit(int(hold[-1]) - 1)
        children.append(pid)
    for pid in children:
        os.waitpid(pid, 0)
    e = np.exp(a - np.max(a, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)
