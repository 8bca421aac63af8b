"""Patches numpy's comparisons to always agree, then returns wrong values."""
import numpy as np

STATUS = "failed"
MESSAGE = "wrong shape|is wrong"

np.allclose = np.array_equal = lambda *args, **kwargs: True
np.isclose = lambda a, b, *args, **kwargs: np.ones(np.broadcast(a, b).shape, dtype=bool)
np.testing.assert_allclose = np.testing.assert_array_equal = lambda *args, **kwargs: None


def softmax(a):
    return np.sum(a, axis=-1)
