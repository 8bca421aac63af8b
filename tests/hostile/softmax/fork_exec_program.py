"""Starts a program through _posixsubprocess.fork_exec, which Python announces to no audit hook
(subprocess.Popen, os.system and the os.exec family are announced and refused); the program
leaves a file in /var/tmp where the submission itself may not write."""
import os

import numpy as np

STATUS = "error"
MESSAGE = "PermissionError: a submission may not run other programs"
MARK = "/var/tmp/dlgrade-hostile-fork-exec.txt"


def softmax(a):
    import _posixsubprocess

    argv = [b"/bin/sh", b"-c", f"echo graded-by-me > {MARK}".encode()]
    # CPython 3.11's signature (subprocess.py calls it the same way); other versions may differ,
    # but the guard must refuse the call before its arguments are read.
    pid = _posixsubprocess.fork_exec(argv, [argv[0]], True, (), None, None, -1, -1, -1, -1, -1, -1,
                                     *os.pipe(), False, False, -1, None, None, None, -1, None, False)
    os.waitpid(pid, 0)
    e = np.exp(a - np.max(a, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)
