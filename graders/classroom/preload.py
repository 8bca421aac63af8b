"""What every submission's grader imports: imported once by the warm grader (graders/classroom/warm.py),
which forks each grader from a process that has them, instead of each grader spending about 0.65 s
importing pytest, hypothesis, numpy and the engine."""
import sys

import _hypothesis_pytestplugin  # noqa: F401
import hypothesis.extra.numpy  # noqa: F401
import numpy  # noqa: F401
import pytest  # noqa: F401

import graders.classroom.grading  # noqa: F401
import graders.engine.plugin  # noqa: F401
import graders.testing.agreement  # noqa: F401
import graders.testing.expect  # noqa: F401
import graders.testing.strategies  # noqa: F401
from graders import tasks
from graders.engine import zygote
from graders.engine.runner import grade
from graders.kit import SOLUTIONS


def warm_up(task_ids: str, tiers: str) -> None:
    """Grade the reference solutions on the tasks of ``task_ids`` that need nothing beyond numpy (comma-separated;
    the mlp task's would train a network), in ``tiers``, in the warm process before it forks any grader.

    Each grader then starts from a process that has imported the suites and run every check once (the replayed
    examples read, the strategies built): a grader of softmax and gates takes 0.54 s instead of 0.87 s. No
    student's code has run here; the reference's workers and their zygote are gone before the first fork.
    A warm-up that fails costs only its time: each grader then does the same work itself.
    """
    numpy_only = [t for t in task_ids.split(",") if t in tasks.BY_ID and not tasks.get(t).requires]
    try:
        if numpy_only:
            grade(SOLUTIONS, numpy_only, tiers=tuple(tiers.split(",")))
    except Exception as exc:   # any failure: each grader then does this work itself
        print(f"dlgrade: the warm-up grade of the reference failed, each grader starts cold: {exc!r}", file=sys.stderr)
    finally:
        zygote.close_all()
