"""Makes a hard link in its working folder to its own module file, outside that folder, and writes
through it: the link's name is inside the folder, the file it changes is not."""
import os

import numpy as np

STATUS = "error"
MESSAGE = "PermissionError: a submission may only write files in its working folder|a submission may not write through a hard link"


def softmax(a):
    os.link(os.path.abspath(__file__), "module-link.py")
    with open("module-link.py", "a") as f:
        f.write("\n# changed through a hard link\n")
    e = np.exp(a - np.max(a, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)
