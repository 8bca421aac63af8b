"""Forks children until the machine says no; each sleeps on, holding a process slot."""
import os
import time

STATUS = "error"
MESSAGE = r"limit of \d+ processes and threads"
WITHOUT_CGROUP = r"may not start processes on this grader"


def softmax(a):
    for _ in range(1000):
        if os.fork() == 0:
            time.sleep(60)
            os._exit(0)
    return a
