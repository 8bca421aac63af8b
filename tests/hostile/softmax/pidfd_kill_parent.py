"""Kills its parent (the grader, or bubblewrap's init) through a pidfd: os.pidfd_open and
signal.pidfd_send_signal are announced to no audit hook (os.kill is, and is refused)."""
import os
import signal

STATUS = "error"
MESSAGE = "PermissionError: a submission may not signal"


def softmax(a):
    signal.pidfd_send_signal(os.pidfd_open(os.getppid()), signal.SIGKILL)
    return a
