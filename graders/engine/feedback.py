"""Turn the outcome of one check into what the student reads: a status and a few lines.

No grader traceback ever reaches the report. A failed check reads as: what went
wrong, the smallest input hypothesis found, expected vs got, and a hint.

The smallest input is the kit's own record, never hypothesis's printed text: while a
check runs, :func:`recording_examples` keeps the arguments of each call hypothesis
makes to the check's body. Hypothesis runs the minimal failing example last, so the
last record of a failed check is that example.
"""
from __future__ import annotations

import contextlib
import copy
import functools
import re

import numpy as np
from hypothesis.errors import Flaky

from graders.engine.problems import ModuleUnavailable, StopCheck, SubmissionProblem
from graders.results import Status, Verdict
from graders.testing.expect import CheckFailed, show
from graders.testing.strategies import seed_of


class NotGraded(Exception):
    """A check cannot run for a reason on the grader's side (no dataset, no PyTorch).

    The task it belongs to is then reported as not graded, with ``reason`` and ``fix``,
    never scored on whichever of its checks happened to run.
    """

    def __init__(self, reason: str, fix: str):
        super().__init__(f"{reason}; {fix}")
        self.reason, self.fix = reason, fix


def verdict_for(exc: BaseException | None, *, hint: str = "", skipped_reason: str = "",
                example: str = "") -> Verdict:
    """The verdict for a check that raised ``exc`` (None: it passed); ``example`` is the input
    of the failing call (see :func:`recording_examples`)."""
    if skipped_reason:
        return Verdict(Status.NOT_RUN, skipped_reason)
    if exc is None:
        return Verdict(Status.PASSED)
    if isinstance(exc, NotGraded):
        return Verdict(Status.NOT_GRADED, exc.reason, exc.fix)
    if isinstance(exc, CheckFailed):
        return Verdict(Status.FAILED, exc.render(), exc.hint or hint, example)
    if isinstance(exc, SubmissionProblem):
        status = exc.status
        plain = isinstance(exc, (StopCheck, ModuleUnavailable)) or status is not Status.ERROR
        message = str(exc) if plain else f"your code {exc}"
        own_hint = getattr(exc, "hint", "")
        return Verdict(status, message, own_hint or ("" if status.whole_module else hint),
                       "" if status.whole_module else example)
    if isinstance(exc, Flaky):
        return Verdict(Status.FAILED, "gave different results when called twice with the same input: "
                       "does it draw random numbers that are not from the rng it was given, or "
                       "change its inputs in place?", hint, example)
    if isinstance(exc, AssertionError):
        return Verdict(Status.FAILED, str(exc) or "a property of the result does not hold", hint, example)
    # A grader suite should only fail through CheckFailed; anything else is a bug in the
    # grader (or an input it did not foresee) and must not be blamed on the student.
    return Verdict(Status.GRADER_ERROR, f"the grader itself failed ({type(exc).__name__}: {exc}); "
                   "please tell your instructor", "", example)


# -- the failing example -------------------------------------------------------------------------
class ExampleRecord:
    """The arguments of the latest call hypothesis made to a check's body (fixtures left out)."""

    def __init__(self):
        self.arguments: dict | None = None

    def text(self) -> str:
        """``a=array([710.]), c=1.0``: how the student can reproduce the failing call."""
        if not self.arguments:
            return ""
        return ", ".join(f"{name}={_show_argument(value)}" for name, value in self.arguments.items())


@contextlib.contextmanager
def recording_examples(test_function, hidden=()):
    """While the block runs, keep the drawn arguments of each call to ``test_function``'s body.

    ``test_function`` is a check as collected (hypothesis's wrapper, which exposes the body
    as ``.hypothesis.inner_test`` for plugins to wrap); ``hidden`` are the fixture names.
    A check without ``@given`` gets a record that stays empty.
    """
    record = ExampleRecord()
    handle = getattr(test_function, "hypothesis", None)
    inner = getattr(handle, "inner_test", None)
    if inner is None:
        yield record
        return

    @functools.wraps(inner)
    def recorded(*args, **kwargs):
        record.arguments = {name: _snapshot(value) for name, value in kwargs.items() if name not in hidden}
        return inner(*args, **kwargs)

    handle.inner_test = recorded
    try:
        yield record
    finally:
        handle.inner_test = inner


def _snapshot(value):
    """A copy of a drawn value as it was before the check ran (the check may change it)."""
    if isinstance(value, np.random.Generator):
        return _RngSeed(value)
    try:
        return copy.deepcopy(value)
    except Exception:  # not copyable: shown as it is when the check fails
        return value


class _RngSeed:
    """A drawn numpy Generator, shown as the call that makes it (see strategies.rngs)."""

    def __init__(self, rng: np.random.Generator):
        self.seed = seed_of(rng)

    def __repr__(self) -> str:
        return f"np.random.default_rng({self.seed})" if self.seed is not None else "a numpy Generator"


def _show_argument(value) -> str:
    if isinstance(value, np.ndarray):
        with np.printoptions(threshold=24, edgeitems=3, floatmode="unique", linewidth=10_000):
            text = re.sub(r"\[\s+", "[", re.sub(r"\s+", " ", np.array2string(value, separator=", ")))
        dtype = "" if value.dtype == np.float64 else f", dtype={value.dtype.name}"
        return f"np.array({text}{dtype})"
    if isinstance(value, np.floating) and not isinstance(value, np.float64):
        return f"np.{type(value).__name__}({show(float(value))})"
    if isinstance(value, (tuple, list)):
        inner = ", ".join(_show_argument(v) for v in value)
        return f"({inner}{',' if len(value) == 1 else ''})" if isinstance(value, tuple) else f"[{inner}]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {_show_argument(v)}" for k, v in value.items()) + "}"
    return repr(value)
