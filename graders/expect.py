"""Assertions for grader suites that fail with a message a student can act on.

Every helper raises :class:`CheckFailed` with what was checked, what was expected,
what the student's code gave, and (optionally) a hint. They accept whatever a
student returned and never crash on it: a string where an array was expected is
a failed check, not a grader error.
"""
from __future__ import annotations

import numpy as np


class CheckFailed(AssertionError):
    """A check's verdict: the student's value is wrong, in words."""

    def __init__(self, what: str, *, expected=None, got=None, hint: str = ""):
        self.what, self.expected, self.got, self.hint = what, expected, got, hint
        super().__init__(self.render())

    def render(self) -> str:
        lines = [self.what]
        if self.expected is not None:
            lines.append(f"expected: {_show(self.expected)}")
        if self.got is not None:
            lines.append(f"got:      {_show(self.got)}")
        return "\n".join(lines)


def _show(value) -> str:
    if isinstance(value, str):
        return value
    with np.printoptions(precision=8, threshold=20, edgeitems=3, linewidth=100):
        return repr(value) if not isinstance(value, np.ndarray) else np.array2string(value)


def as_array(got, what: str, hint: str = "") -> np.ndarray:
    """``got`` as a numeric float/int/bool array, or a CheckFailed saying what it was."""
    if isinstance(got, (bool, int, float, np.number, np.bool_)):
        return np.asarray(got)
    if isinstance(got, (list, tuple)):
        try:
            arr = np.asarray(got)
        except (ValueError, TypeError):
            arr = None
        if arr is not None and arr.dtype.kind in "biuf":
            return arr
    if isinstance(got, np.ndarray) and got.dtype.kind in "biuf":
        return got
    raise CheckFailed(f"{what} should be a numpy array of numbers",
                      got=f"{type(got).__name__}: {_show(got)[:200]}", hint=hint)


def expect_shape(got, shape: tuple, what: str, hint: str = "") -> np.ndarray:
    arr = as_array(got, what, hint)
    if arr.shape != tuple(shape):
        raise CheckFailed(f"{what} has the wrong shape", expected=f"shape {tuple(shape)}",
                          got=f"shape {arr.shape}", hint=hint)
    return arr


def expect_close(got, expected, what: str, *, rtol: float = 1e-6, atol: float = 1e-8,
                 hint: str = "", check_shape: bool = True) -> np.ndarray:
    """``got`` equals ``expected`` elementwise within tolerances (nan/inf must match too)."""
    expected = np.asarray(expected)
    arr = expect_shape(got, expected.shape, what, hint) if check_shape else as_array(got, what, hint)
    bad_nonfinite = ~np.isfinite(arr) & np.isfinite(expected)
    if np.any(bad_nonfinite):
        raise CheckFailed(f"{what} contains nan or inf", expected=expected, got=arr, hint=hint)
    if not np.allclose(arr, expected, rtol=rtol, atol=atol, equal_nan=True):
        err = np.max(np.abs(arr.astype(float) - expected.astype(float)))
        raise CheckFailed(f"{what} is wrong (largest difference {err:.3g})",
                          expected=expected, got=arr, hint=hint)
    return arr


def expect_equal(got, expected, what: str, hint: str = "") -> None:
    """Exact equality for labels, integers, truth tables and plain values."""
    if isinstance(expected, np.ndarray) or isinstance(got, np.ndarray):
        arr = expect_shape(got, np.shape(expected), what, hint)
        if not np.array_equal(arr, expected):
            raise CheckFailed(f"{what} is wrong", expected=np.asarray(expected), got=arr, hint=hint)
        return
    if type(got) is bool and type(expected) is not bool and isinstance(expected, (int, float)):
        got = int(got)
    if not _plain_equal(got, expected):
        raise CheckFailed(f"{what} is wrong", expected=expected, got=got, hint=hint)


def _plain_equal(got, expected) -> bool:
    if isinstance(got, (np.generic,)):
        got = got.item()
    if isinstance(expected, (int, float)) and isinstance(got, (int, float)):
        return float(got) == float(expected)
    return type(got) is type(expected) and got == expected


def expect_true(condition: bool, what: str, *, got=None, expected=None, hint: str = "") -> None:
    """A property that must hold; ``what`` says which, in the student's terms."""
    if not bool(condition):
        raise CheckFailed(what, expected=expected, got=got, hint=hint)
