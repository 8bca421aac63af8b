"""Checks as data: a row that says "the student's ``function`` agrees with the reference's on the
arguments ``args`` draws, within the tolerance ``tol`` gives for them, with the reference's
``helpers`` patched in", and :meth:`Agrees.check`, which turns the row into the pytest check a
suite names::

    test_softmax_matches_reference = Agrees(
        "softmax", st.tuples(score_arrays(-1000, 1000)), what=lambda a: "softmax(a)",
        tol=lambda a: tolerance(condition=float(np.max(np.abs(a)))),
        doc="softmax agrees with the reference on arrays of any shape, extreme values included.",
    ).check()

A hidden suite is then a table of such rows, plus the checks that do not fit one (objects with
state, laws of random output, properties the reference cannot state).
"""
from __future__ import annotations

import copy
import zlib
from dataclasses import dataclass
from typing import Any, Callable

import pytest
from hypothesis import given, seed, settings
from hypothesis.strategies import SearchStrategy

from graders.testing.expect import Tolerance, expect_close, expect_equal, tolerance


def one_formula(*args) -> Tolerance:
    """The default tolerance: one formula's float32 rounding, whatever the arguments."""
    return tolerance()


@dataclass(frozen=True)
class Agrees:
    """One check as data: ``function(*args)`` on the student's module equals it on the reference.

    Attributes:
        function: the name both modules are called by, e.g. ``"mean_squared_error"``.
        args: a strategy that draws the call's positional arguments as a tuple; the grader
            owns them (the student's copy crosses the wire, the reference gets its own).
        doc: the check's docstring: the one line a student reads in the check list.
        what: the call as feedback names it, from the same arguments (``"softmax(a) for
            float32 a"``).
        tol: the tolerance for these arguments (:func:`graders.testing.expect.tolerance`);
            ignored when ``exact``.
        exact: compare with :func:`expect_equal` (integers, labels, counts).
        helpers: the reference's functions the student's call runs on, so the function is
            graded on its own (precision on the reference's confusion_matrix).
        hint: what a student who fails the check is told (for a wrong value or an error).
        max_examples: this check's example budget (None: the profile's).
    """

    function: str
    args: SearchStrategy
    doc: str
    what: Callable[..., str]
    tol: Callable[..., Tolerance] = one_formula
    exact: bool = False
    helpers: tuple[str, ...] = ()
    hint: str = ""
    max_examples: int | None = None

    def compare(self, student, reference, args: tuple) -> None:
        expected = getattr(reference, self.function)(*copy.deepcopy(args))
        own = student.with_reference(reference, *self.helpers) if self.helpers else student
        got = getattr(own, self.function)(*args)
        if self.exact:
            expect_equal(got, expected, self.what(*args))
        else:
            expect_close(got, expected, self.what(*args), tol=self.tol(*args))

    def check(self) -> Callable[..., Any]:
        """The pytest check: ``check(student, reference)``, its examples drawn from ``args``."""
        row = self

        def check(student, reference, args):
            row.compare(student, reference, args)

        check.__doc__ = self.doc
        # Every row's check has the same source, from which hypothesis derives its examples: each
        # row gets its own fixed seed instead, so rows draw independently and every run alike.
        check = given(args=self.args)(check)
        check = seed(zlib.crc32(f"{self.function}: {self.doc}".encode()))(check)
        if self.max_examples is not None:
            check = settings(max_examples=self.max_examples)(check)
        return pytest.mark.hint(self.hint)(check) if self.hint else check
