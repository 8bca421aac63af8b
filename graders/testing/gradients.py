"""Gradient checks: the grader's own numerical gradient, and a student's analytic gradient compared with it."""
from __future__ import annotations

import numpy as np

from graders.testing.expect import Tolerance, expect_close, expect_shape, expect_true


def numerical_gradient(f, a: np.ndarray, step: float) -> np.ndarray:
    """Central differences (f(a + step e_i) - f(a - step e_i)) / 2 step of the scalar function ``f``
    for every entry of ``a`` (an array of any shape); float64, of a's shape. ``f`` gets copies."""
    grad = np.zeros_like(a, dtype=np.float64)
    for i in np.ndindex(a.shape):
        plus, minus = a.copy(), a.copy()
        plus[i] += step
        minus[i] -= step
        grad[i] = (f(plus) - f(minus)) / (2 * step)
    return grad


def relative_error(analytic: np.ndarray, numeric: np.ndarray) -> float:
    """|a - n| / max(|a|, |n|) in the 2-norm; 0 when both are 0."""
    scale = max(np.linalg.norm(analytic), np.linalg.norm(numeric))
    return float(np.linalg.norm(analytic - numeric) / scale) if scale > 0 else 0.0


def expect_gradient(got, numeric: np.ndarray, what: str, tol: Tolerance, hint: str) -> None:
    """The student's analytic gradient ``got`` agrees with the numerical one (float64 array) within ``tol``."""
    analytic = expect_shape(got, numeric.shape, what, hint)
    expect_true(np.all(np.isfinite(analytic)), f"{what} contains nan or inf", got=analytic, hint=hint)
    err = relative_error(analytic.astype(np.float64), numeric)
    expect_close(analytic, numeric, f"{what} (vs the numerical gradient; relative error {err:.1e})",
                 tol=tol, hint=hint)
