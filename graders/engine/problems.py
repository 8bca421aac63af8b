"""What can go wrong with a student's code, as the grader tells it: the errors a call into student
code raises, whichever way it runs (a worker process, or a notebook's kernel).

Suites catch them (``except StudentException``), the plugin turns them into verdicts
(:func:`graders.engine.feedback.verdict_for` reads each class's ``status``), and the transports raise them.
A :class:`SubmissionError` depends on the input (hypothesis shrinks it); a :class:`StopCheck` ends
the check at once.
"""
from __future__ import annotations

from graders.results import Status


class SubmissionProblem:
    """Something about the student's code, described for the student."""

    status = Status.ERROR

    def __init__(self, message: str, where: str = ""):
        super().__init__(message)
        self.message, self.where = message, where

    def __str__(self) -> str:
        return f"{self.message} ({self.where})" if self.where else self.message


class SubmissionError(SubmissionProblem, Exception):
    """A problem that depends on the input: hypothesis shrinks it to the smallest example."""


class StopCheck(SubmissionProblem, BaseException):
    """A problem no input explains (not attempted, missing, crashed): ends the check at once.

    It derives from BaseException so that hypothesis does not spend minutes
    shrinking an input that has nothing to do with the failure.
    """


class StudentException(SubmissionError):
    """The student's code raised an exception."""

    def __init__(self, type_name: str, message: str, where: str = ""):
        text = f"raised {type_name}: {message}" if message else f"raised {type_name}"
        super().__init__(text, where)
        self.type_name = type_name


class NumpyWarning(SubmissionError):
    """numpy warned (overflow, invalid value, division by zero) in a call made with numpy errors on."""


class BadValue(SubmissionError):
    """The student returned something that is not plain data (or could not be sent)."""


class InputChanged(SubmissionError):
    """The student's code changed an argument in place where its docstring does not allow it."""

    status = Status.FAILED
    hint = ("Work on new arrays: write x = x - c (or x = x.copy() first) instead of x -= c, "
            "x[...] = ... or np.copyto(x, ...) on an array you were given.")


class ModuleUnavailable(SubmissionProblem, Exception):
    """The task's module could not be loaded (missing, syntax error, crash at import).

    Raised by the ``student`` fixture, before a check starts: an ordinary exception, so
    that pytest records it as that check's failed setup (a BaseException there breaks
    pytest's fixture bookkeeping and spills into every later check).
    """

    def __init__(self, problem: StopCheck):
        super().__init__(problem.message, problem.where)
        self.status = problem.status


class NotAttempted(StopCheck):
    status = Status.NOT_ATTEMPTED


class MissingModule(StopCheck):
    status = Status.MISSING


class BrokenModule(StopCheck):
    status = Status.ERROR


class MissingName(StopCheck):
    status = Status.MISSING


class CallTimeout(StopCheck):
    status = Status.TIMEOUT


class WorkerDied(StopCheck):
    status = Status.CRASHED


class LeftProcesses(StopCheck):
    """The student's code returned but left child processes running (the worker is restarted)."""


class TooMuchOutput(StopCheck):
    """The student's code printed a flood of output in one call."""


class ChannelBroken(StopCheck):
    """The worker broke the protocol (a message too large, unreadable or out of turn): the grader
    cannot know what the next message answers, so the worker is stopped and restarted."""
