"""Turn the outcome of one check into what the student reads: a status and a few lines.

No grader traceback ever reaches the report. A failed check reads as: what went
wrong, the smallest input hypothesis found, expected vs got, and a hint.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from hypothesis.errors import Flaky

from graders.expect import CheckFailed
from graders.remote import SubmissionProblem

HIDDEN_ARGS = re.compile(r"^\s*(student|reference)=.*,?$")


@dataclass
class Verdict:
    status: str          # passed, failed, not attempted, missing, error, timeout, crashed, not run
    message: str = ""
    hint: str = ""
    example: str = ""

    @property
    def passed(self) -> bool:
        return self.status == "passed"


def verdict_for(exc: BaseException | None, *, hint: str = "", skipped_reason: str = "") -> Verdict:
    """The verdict for a check that raised ``exc`` (None: it passed)."""
    if skipped_reason:
        return Verdict("not run", skipped_reason)
    if exc is None:
        return Verdict("passed")
    example = falsifying_example(exc)
    if isinstance(exc, CheckFailed):
        return Verdict("failed", exc.render(), exc.hint or hint, example)
    if isinstance(exc, SubmissionProblem):
        return Verdict(exc.status, f"your code {exc}" if exc.status == "error" else str(exc),
                       hint if exc.status not in ("not attempted", "missing") else "", example)
    if isinstance(exc, Flaky):
        return Verdict("failed", "gave different results when called twice with the same input: "
                       "does it draw random numbers that are not from the rng it was given, or "
                       "change its inputs in place?", hint, example)
    if isinstance(exc, AssertionError):
        return Verdict("failed", str(exc) or "a property of the result does not hold", hint, example)
    # A grader suite should only fail through CheckFailed; anything else is a bug in the
    # grader (or an input it did not foresee) and must not be blamed on the student.
    return Verdict("grader error", f"the grader itself failed ({type(exc).__name__}: {exc}); "
                   "please tell your instructor", "", example)


def falsifying_example(exc: BaseException) -> str:
    """The input hypothesis shrank to, without the fixture arguments."""
    for note in getattr(exc, "__notes__", []) or []:
        if note.startswith("Falsifying example"):
            lines = note.splitlines()[1:]
            kept = [line.strip().rstrip(",") for line in lines
                    if line.strip() not in (")",) and not HIDDEN_ARGS.match(line)]
            return ", ".join(kept)
    return ""
