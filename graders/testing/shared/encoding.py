"""What the encoding task's public and hidden suites share (the hidden suite never imports the public one)."""
import numpy as np
from hypothesis import strategies as st

from graders.testing import strategies as s


@st.composite
def labelled(draw, max_n=20, max_classes=8, dtypes=(np.int64,)):
    """(labels, C): an (n,) int array, 2 <= n <= max_n, of labels in 0..C-1 (2 <= C), at least two
    of them different."""
    num_classes = draw(st.integers(2, max_classes))
    dtype = draw(st.sampled_from(dtypes))
    labels = draw(s.arrays(dtype, st.integers(2, max_n), st.integers(0, num_classes - 1)))
    places = draw(st.lists(st.integers(0, labels.size - 1), min_size=2, max_size=2, unique=True))
    labels[places] = draw(st.lists(st.integers(0, num_classes - 1), min_size=2, max_size=2, unique=True))
    return labels, num_classes
