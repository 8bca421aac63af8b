"""What the softmax task's public and hidden suites share (the hidden suite never imports the public one)."""
import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from graders.testing import strategies as s


def last_axis_rows(x):
    return np.reshape(x, (-1, np.shape(x)[-1]))


def batch_shapes(max_dims=3):
    """Shapes (..., K) with K >= 2 classes."""
    return hnp.array_shapes(min_dims=1, max_dims=max_dims, min_side=1, max_side=6).filter(lambda shape: shape[-1] >= 2)


@st.composite
def score_arrays(draw, low=-50.0, high=50.0, dtype=np.float64, shapes=None, elements=None, top=None):
    """Score arrays (..., K), K >= 2, of values in [low, high]; in the first row, one score lies 1 to 20
    below the row's largest (``top``, if given, draws that largest score, e.g. one near 1000)."""
    width = np.dtype(dtype).itemsize * 8
    shape = draw(shapes if shapes is not None else batch_shapes())
    a = draw(s.arrays(dtype, shape, elements if elements is not None else s.floats(low, high, width)))
    first = last_axis_rows(a)[0]   # a view: writes go into a
    largest, below = draw(st.lists(st.integers(0, first.size - 1), min_size=2, max_size=2, unique=True))
    if top is not None:
        first[largest] = draw(top)
    others = np.delete(first, below)
    first[below] = others.max() - draw(st.floats(1.0, 20.0))
    return a
