"""What the metrics task's public and hidden suites share (the hidden suite never imports the public one)."""
import numpy as np
from hypothesis import strategies as st

from graders.testing import strategies as s

ACCURACY_HINT = ("The number of matches divided by the number of samples len(y_true) (course notes 001 divide by "
                 "10000 because MNIST has 10000 test images): a fraction in [0, 1], not a count or a %.")

PRECISION_HINT = "precision[k] = M[k, k] / M[:, k].sum(): out of everything PREDICTED as k (column k)."

RECALL_HINT = "recall[k] = M[k, k] / M[k, :].sum(): out of everything that truly IS k (row k)."

ZERO_HINT = "Where the denominator is 0, give 0.0: np.divide(tp, den, out=np.zeros(C), where=den > 0)."


@st.composite
def label_pairs(draw, dtypes=(np.int64,)):
    """(y_true, y_pred, C): two int arrays of the same length n >= 1 with values in 0..C-1."""
    num_classes, n = draw(st.integers(1, 6)), draw(st.integers(1, 30))
    dtype = draw(st.sampled_from(dtypes))
    labels = s.arrays(dtype, (n,), st.integers(0, num_classes - 1))
    return draw(labels), draw(labels), num_classes
