"""Sends SIGKILL to its parent process, the grader (or bubblewrap's init)."""
import os
import signal

STATUS = "error"
MESSAGE = "PermissionError: a submission may not signal"


def softmax(a):
    os.kill(os.getppid(), signal.SIGKILL)
    return a
