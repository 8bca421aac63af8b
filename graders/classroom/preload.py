"""What every submission's grader imports: imported once by the warm grader (graders/classroom/warm.py),
which forks each grader from a process that has them, instead of each grader spending about 0.65 s
importing pytest, hypothesis, numpy and the engine."""
import _hypothesis_pytestplugin  # noqa: F401
import hypothesis.extra.numpy  # noqa: F401
import numpy  # noqa: F401
import pytest  # noqa: F401

import graders.classroom.grading  # noqa: F401
import graders.engine.plugin  # noqa: F401
import graders.testing.agreement  # noqa: F401
import graders.testing.expect  # noqa: F401
import graders.testing.strategies  # noqa: F401
