"""What the losses task's public and hidden suites share (the hidden suite never imports the public one)."""
import numpy as np

from graders.testing.expect import tolerance

EPS = 1e-7


def log_tolerance(terms=1):
    """For sums of logs: a log's absolute error is its argument's relative rounding, so values near 0
    (a sure hit costs -1e-7) are compared absolutely too (scale 1); rounding grows with the sum's length."""
    return tolerance(steps=terms, scale=1.0)


def bce_tolerance(p):
    """For binary cross-entropy of p (or of 1 - p, the classes swapped): float32 rounding of p moves
    log(1 - p + eps) by p / (1 - p + eps) times p's relative rounding, and log(p + eps) likewise for 1 - p;
    0 and 1 are exact in float32 and cost nothing."""
    inexact = p[(p != 0) & (p != 1)]
    condition = max([1.0, *(np.maximum(inexact, 1 - inexact) / (np.minimum(inexact, 1 - inexact) + EPS))])
    return tolerance(steps=p.size, condition=condition, scale=1.0)
