"""Switches off the worker's guard rails from Python, then reads the reference through the editable install.

Without bubblewrap this works: the guard rails are not a sandbox (see graders/worker/guard.py).
With bubblewrap the reference's folder is not there at all.
"""
import glob
import os
import sys

STATUS = "error"
MESSAGE = "FileNotFoundError|no way to the reference"
FALLBACK = "not contained"   # process isolation alone does not stop this one


def softmax(a):
    guard = sys.modules.get("guard")
    if guard is not None:
        guard._check = lambda *args: None
    for folder in sys.path:
        for finder in glob.glob(os.path.join(folder, "__editable__*finder.py")):
            namespace = {}
            exec(open(finder).read().split("\nclass ", 1)[0], namespace)
            if "solutions" in namespace.get("MAPPING", {}):
                reference = {}
                exec(open(os.path.join(namespace["MAPPING"]["solutions"], "softmax.py")).read(), reference)
                return reference["softmax"](a)
    raise RuntimeError("no way to the reference")
