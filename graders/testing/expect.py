"""Assertions for grader suites that fail with a message a student can act on, and the
one tolerance policy every numeric comparison follows.

Every helper raises :class:`CheckFailed` with what was checked, what was expected,
what the student's code gave, and (optionally) a hint. They accept whatever a
student returned and never crash on it: a string where an array was expected is
a failed check, not a grader error.

Tolerances (``docs/authoring.md``, "Tolerances") come from the contract, never from
the reference's float64 digits: a docstring that accepts float input lets the student
compute in float32, so every comparison allows float32 rounding, scaled by how many
rounding steps compound (iterations, epochs, long sums) and by how much the function
amplifies an input's rounding (its conditioning). Build one with :func:`tolerance`.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Units of roundoff one evaluation of a formula may cost (a handful of operations, each
#: rounded once, with numpy's exp/log accurate to a few units in the last place).
ROUNDING_STEPS_PER_FORMULA = 16
#: The least precise float type a contract that says "float" lets a student compute in.
CONTRACT_DTYPE = np.float32


@dataclass(frozen=True)
class Tolerance:
    """``|got - expected| <= atol + rtol * |expected|``, elementwise (numpy's allclose rule)."""

    rtol: float
    atol: float

    def describe(self) -> str:
        return f"relative {self.rtol:.2g}, absolute {self.atol:.2g}"

    def __add__(self, other: "Tolerance") -> "Tolerance":
        """Errors from two independent sources (the student's rounding and the grader's own
        numerical estimate, say): their allowances add up."""
        return Tolerance(self.rtol + other.rtol, self.atol + other.atol)

    def widened(self, atol: float) -> "Tolerance":
        """This tolerance with ``atol`` more absolute room (a known absolute error, e.g. a finite
        difference's truncation, or an eps the contract allows inside a log)."""
        return Tolerance(self.rtol, self.atol + float(atol))


def tolerance(*, steps: float = 1, condition: float = 1.0, scale: float = 0.0,
              printed_decimals: int | None = None, dtype=CONTRACT_DTYPE) -> Tolerance:
    """The tolerance a correct implementation needs, from what the contract says.

    Args:
        steps: rounding steps that compound: iterations or epochs of an update the
            student runs, the length of a sum, or the number of formula evaluations a
            result passes through (1: one formula).
        condition: how much the function amplifies a relative change of its input (the
            condition number): softmax(a) moves by about |a| times the input's relative
            rounding; a difference quotient divides by h.
        scale: the magnitude of the quantities a result is computed from, for entries whose
            true value is near 0 by cancellation (a gradient of 0, a sum of terms of both
            signs): they are compared within ``rtol * scale`` absolutely.
        printed_decimals: the expected values are printed numbers (the course notes' worked
            examples) rounded to this many decimals: half a unit of the last digit more.
        dtype: the least precise float type the contract allows (float32 unless a
            docstring demands float64).

    Returns:
        rtol = 16 * eps(dtype) * steps * condition, atol = max(rtol * scale, tiny(dtype))
        (+ 0.5 * 10**-printed_decimals).
    """
    info = np.finfo(dtype)
    rtol = ROUNDING_STEPS_PER_FORMULA * float(info.eps) * max(float(steps), 1.0) * max(float(condition), 1.0)
    atol = max(rtol * float(scale), float(info.tiny))
    if printed_decimals is not None:
        atol += 0.5 * 10.0 ** -printed_decimals
    return Tolerance(rtol, atol)


#: For values that must be exactly right (integers, truth tables, an array handed back unchanged).
EXACT = Tolerance(0.0, 0.0)


class CheckFailed(AssertionError):
    """A check's verdict: the student's value is wrong, in words."""

    def __init__(self, what: str, *, expected=None, got=None, hint: str = "", digits: int | None = None):
        self.what, self.expected, self.got, self.hint, self.digits = what, expected, got, hint, digits
        super().__init__(self.render())

    def render(self) -> str:
        lines = [self.what]
        if self.expected is not None:
            lines.append(f"expected: {show(self.expected, self.digits)}")
        if self.got is not None:
            lines.append(f"got:      {show(self.got, self.digits)}")
        return "\n".join(lines)


def show(value, digits: int | None = None) -> str:
    """``value`` as a student reads it: arrays in numpy's notation, ``digits`` significant digits
    (default 8) so that numbers that differ print differently."""
    if isinstance(value, str):
        return value
    precision = 8 if digits is None else digits
    with np.printoptions(precision=precision, threshold=20, edgeitems=3, linewidth=100, floatmode="maxprec"):
        if isinstance(value, np.ndarray):
            text = np.array2string(value, separator=", ")
            return text if value.dtype.kind not in "f" or value.dtype == np.float64 else f"{text} ({value.dtype})"
        if isinstance(value, (float, np.floating)):
            return np.format_float_positional(value, precision=precision, unique=True, fractional=False,
                                              trim="0") if abs(value) >= 1e-4 or value == 0 \
                else np.format_float_scientific(value, precision=precision - 1, unique=True, trim="0")
        return repr(value)


def digits_to_tell_apart(got: np.ndarray, expected: np.ndarray) -> int:
    """The fewest significant digits (8 to 17) at which ``got`` and ``expected`` print differently."""
    for digits in range(8, 18):
        if show(got, digits) != show(expected, digits):
            return digits
    return 17


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
                      got=f"{type(got).__name__}: {show(got)[:200]}", hint=hint)


def expect_shape(got, shape: tuple, what: str, hint: str = "") -> np.ndarray:
    arr = as_array(got, what, hint)
    if arr.shape != tuple(shape):
        raise CheckFailed(f"{what} has the wrong shape", expected=f"shape {tuple(shape)}",
                          got=f"shape {arr.shape}", hint=hint)
    return arr


def expect_close(got, expected, what: str, *, tol: Tolerance | None = None, hint: str = "",
                 check_shape: bool = True) -> np.ndarray:
    """``got`` equals ``expected`` elementwise within ``tol`` (default: ``tolerance()``, one formula
    in float32); nan and inf must match too. The message shows the largest difference, how much
    was allowed, and both values with enough digits to see where they differ."""
    tol = tol or tolerance()
    expected = np.asarray(expected)
    arr = expect_shape(got, expected.shape, what, hint) if check_shape else as_array(got, what, hint)
    bad_nonfinite = ~np.isfinite(arr) & np.isfinite(expected)
    if np.any(bad_nonfinite):
        raise CheckFailed(f"{what} contains nan or inf", expected=expected, got=arr, hint=hint)
    if not np.allclose(arr, expected, rtol=tol.rtol, atol=tol.atol, equal_nan=True):
        with np.errstate(all="ignore"):
            diff = np.atleast_1d(np.abs(arr.astype(float) - expected.astype(float)))
            diff[~np.isfinite(diff)] = 0.0
            excess = diff - tol.atol - tol.rtol * np.abs(np.atleast_1d(expected.astype(float)))
        index = np.unravel_index(int(np.argmax(excess)), excess.shape)
        where = f" at index {tuple(int(i) for i in index)}" if expected.ndim else ""
        expected_there = float(np.atleast_1d(np.asarray(expected, float))[index])
        relative = f", relative {diff[index] / abs(expected_there):.2g}" if expected_there else ""
        raise CheckFailed(f"{what} is wrong: off by {diff[index]:.3g}{where}{relative} "
                          f"(allowed: {tol.describe()})", expected=expected, got=arr, hint=hint,
                          digits=digits_to_tell_apart(arr, expected))
    return arr


def expect_distribution(got, shape: tuple, what: str, hint: str = "") -> np.ndarray:
    """``got`` has ``shape`` and each row (last axis) is a probability distribution: entries in
    [0, 1] summing to 1 (within one formula's float32 rounding per entry); returns it as an array."""
    arr = expect_shape(got, shape, what, hint)
    if arr.dtype.kind not in "fiu" or not np.all(np.isfinite(arr)):
        raise CheckFailed(f"{what} should hold finite probabilities", got=arr, hint=hint)
    if np.any(arr < 0) or np.any(arr > 1):
        raise CheckFailed(f"{what} should hold probabilities in [0, 1]", got=arr, hint=hint)
    sums = arr.sum(axis=-1) if arr.ndim else arr
    tol = tolerance(steps=arr.shape[-1] if arr.ndim else 1)
    if not np.allclose(sums, 1.0, rtol=tol.rtol, atol=tol.rtol):
        raise CheckFailed(f"each row of {what} should sum to 1 (a probability distribution over the last axis)",
                          expected="sums of 1", got=sums, hint=hint)
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


def expect_integer(got, what: str, hint: str = "") -> int:
    """``got`` is one integer (a Python int or a numpy integer, not a bool); returns it."""
    if isinstance(got, (bool, np.bool_)) or not isinstance(got, (int, np.integer)):
        raise CheckFailed(f"{what} should be an int (a Python int or a numpy integer)",
                          got=f"{type(got).__name__}: {show(got)[:100]}",
                          hint=hint or "Convert a comparison's answer with int(...): True/False are not 1/0 here.")
    return int(got)


def expect_true(condition: bool, what: str, *, got=None, expected=None, hint: str = "") -> None:
    """A property that must hold; ``what`` says which, in the student's terms."""
    if not bool(condition):
        raise CheckFailed(what, expected=expected, got=got, hint=hint)


def expect_scalar(got, what: str, hint: str = "", *, meaning: str = "", finite: bool = False) -> float:
    """``got`` as a Python float: a number, or an array holding one number (``meaning`` says which one,
    e.g. "the mean loss"); with ``finite``, nan and inf fail too."""
    arr = as_array(got, what, hint)
    expect_true(arr.size == 1, f"{what} should be one number" + (f" ({meaning})" if meaning else ""), got=arr, hint=hint)
    value = float(arr.reshape(()))
    if finite:
        expect_true(np.isfinite(value), f"{what} is nan or inf", got=value, hint=hint)
    return value
