"""Makes a named pipe in /var/tmp: os.mkfifo and os.mknod are announced to no audit hook."""
import os

import numpy as np

STATUS = "error"
MESSAGE = "PermissionError: a submission may only write files in its working folder"
FIFO = "/var/tmp/dlgrade-hostile-fifo"


def softmax(a):
    if not os.path.exists(FIFO):
        os.mkfifo(FIFO)
    e = np.exp(a - np.max(a, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)
