"""Forks through the C library, where no audit hook sees it, until the machine says no; each
child sleeps on, holding a process slot."""
import ctypes
import os
import time

STATUS = "error"
MESSAGE = r"limit of \d+ processes and threads"
WITHOUT_CGROUP = r"Operation not permitted"

libc = ctypes.CDLL(None, use_errno=True)


def softmax(a):
    for _ in range(1000):
        pid = libc.fork()
        if pid == 0:
            time.sleep(60)
            os._exit(0)
        if pid < 0:
            number = ctypes.get_errno()
            raise OSError(number, os.strerror(number))
    return a
