"""Patches pytest and hypothesis (in its own process) so that nothing can fail, then returns wrong values."""
import _pytest.outcomes
import hypothesis
import numpy as np
import pytest

STATUS = "failed"
MESSAGE = "wrong shape|is wrong"

pytest.approx = lambda expected, *args, **kwargs: expected
pytest.fail = _pytest.outcomes.fail = lambda *args, **kwargs: None
hypothesis.given = lambda *args, **kwargs: (lambda test: (lambda *a, **k: None))


def softmax(a):
    return np.sum(a, axis=-1)
