"""What the gradients task's public and hidden suites share (the hidden suite never imports the public one)."""
import numpy as np

from graders.testing.expect import Tolerance, tolerance

H = 1e-4  # numerical_gradient's default step


def quotient_tolerance(h: float, terms: float, n_terms: int = 1) -> Tolerance:
    """What rounding may cost a central difference with step h.

    f(x ± h) is computed in float64 with an error of a few units of the size of its terms
    (``terms``, summed over ``n_terms`` of them); the difference quotient divides that by 2h.
    The quotient itself may be rounded to float32 (one formula).
    """
    return tolerance() + tolerance(dtype=np.float64, steps=n_terms, condition=1 / (2 * h), scale=terms)
