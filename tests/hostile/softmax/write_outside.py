"""Writes files outside its working folder: next to itself, and in /var/tmp."""
import os

import numpy as np

STATUS = "error"
MESSAGE = "PermissionError: a submission may only write files in its working folder"
TARGETS = ["graded-by-me.txt", "/var/tmp/dlgrade-hostile-escape.txt"]  # the first beside the module


def softmax(a):
    here = os.path.dirname(os.path.abspath(__file__))
    errors = []
    for target in TARGETS:
        try:
            with open(os.path.join(here, target), "w") as f:
                f.write("all tests passed")
        except OSError as exc:
            errors.append(exc)
    if len(errors) == len(TARGETS):
        raise errors[0]
    e = np.exp(a - np.max(a, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)
