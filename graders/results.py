"""The result model: one check's verdict, a task's score, a submission's grade, a class run's record.

Every output is a function of these classes: the terminal table and feedback text
(:mod:`graders.report`), Gradescope's ``results.json``, a class run's ``report.json``
(:meth:`StudentRecord.to_dict`, read back with :meth:`StudentRecord.from_dict`), ``grades.csv`` and
``summary.md`` (:mod:`graders.classroom.summary`). The words a status is written with live here only.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum


class _Word(str, Enum):
    """An enum of words: a ``str``, so JSON and text show its value."""

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)


class Status(_Word):
    """How a check (or a whole task) came out."""

    PASSED = "passed"
    FAILED = "failed"                  # a wrong result, or an exception that depends on the input
    PARTIAL = "partial"                # a task only: some of its points
    NOT_ATTEMPTED = "not attempted"    # the stub still raises NotImplementedError
    MISSING = "missing"                # the module or the function is not there
    ERROR = "error"                    # the module does not load, or the worker broke the protocol
    TIMEOUT = "timeout"
    CRASHED = "crashed"
    NOT_RUN = "not run"                # by design (the GPU check without a GPU): left out of the score
    NOT_GRADED = "not graded"          # the grading machine lacks something (a dataset, a library)
    GRADER_ERROR = "grader error"      # the kit itself failed

    @property
    def is_mistake(self) -> bool:
        """Whether it says something is wrong in the student's code (not: not tried, not run)."""
        return self not in (Status.PASSED, Status.NOT_RUN, Status.NOT_GRADED, Status.NOT_ATTEMPTED, Status.MISSING)

    @property
    def whole_module(self) -> bool:
        """Whether its cause is the module as a whole, not an input (no failing input is shown)."""
        return self in (Status.NOT_ATTEMPTED, Status.MISSING)

    @property
    def blocks_the_task(self) -> bool:
        """Whether one such check leaves its whole task not graded (never scored on the others)."""
        return self in (Status.NOT_GRADED, Status.GRADER_ERROR)


class State(_Word):
    """What a class run did with one submission."""

    GRADED = "graded"
    REUSED = "reused"            # unchanged since a run that graded it
    FAILED = "failed"            # it could not be graded (listed with the problem, tried again next run)
    INTERRUPTED = "interrupted"  # the run was stopped while grading it


@dataclass(frozen=True)
class Check:
    """Which check: ``rows_sum_to_one`` (``matches_reference[identity]`` for a case) of a task's tier."""

    task: str
    name: str
    tier: str
    description: str = ""   # the first line of its docstring

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Verdict:
    status: Status
    message: str = ""
    hint: str = ""
    example: str = ""

    def __post_init__(self):
        self.status = Status(self.status)

    @property
    def passed(self) -> bool:
        return self.status is Status.PASSED

    @property
    def counted(self) -> bool:
        """Whether the check counts towards the score (it ran, or should have)."""
        return self.status is not Status.NOT_RUN

    def to_dict(self) -> dict:
        return {**asdict(self), "status": self.status.value}

    @classmethod
    def from_dict(cls, data: dict) -> "Verdict":
        return cls(data["status"], data.get("message", ""), data.get("hint", ""), data.get("example", ""))


@dataclass
class CheckResult:
    """A check's verdict in a grade, with its weight, how long it ran (``seconds``: setup, call and
    teardown) and what it measured on the student's code (``measures``: e.g. an MNIST test accuracy,
    which a leaderboard shows)."""

    task: str
    check: str
    tier: str
    description: str
    weight: float
    verdict: Verdict
    seconds: float = 0.0
    measures: dict[str, float] = field(default_factory=dict)

    @classmethod
    def of(cls, check: Check, weight: float, verdict: Verdict, seconds: float = 0.0,
           measures: dict[str, float] | None = None) -> "CheckResult":
        return cls(check.task, check.name, check.tier, check.description, weight, verdict, seconds,
                   dict(measures or {}))

    def to_dict(self) -> dict:
        return {"check": self.check, "tier": self.tier, "description": self.description, "weight": self.weight,
                **self.verdict.to_dict(), "seconds": self.seconds, "measures": dict(self.measures)}

    @classmethod
    def from_dict(cls, task: str, data: dict) -> "CheckResult":
        return cls(task, data["check"], data.get("tier", ""), data.get("description", ""),
                   data.get("weight", 1.0), Verdict.from_dict(data), float(data.get("seconds", 0.0)),
                   {str(k): float(v) for k, v in data.get("measures", {}).items()})


@dataclass
class TaskResult:
    task: str
    title: str
    points: float
    max_points: float
    checks: list[CheckResult] = field(default_factory=list)
    not_graded: str = ""    # why the task could not be graded, and the fix ('' when it was graded)
    diagnosis: str = ""     # the known mistake the code behaves like, in one sentence (graders/classroom/diagnosis.py)

    @property
    def graded(self) -> bool:
        return not self.not_graded

    @property
    def status(self) -> Status:
        if self.not_graded:
            return Status.NOT_GRADED
        statuses = {c.verdict.status for c in self.checks if c.verdict.counted}
        if not statuses:
            return Status.NOT_RUN
        if statuses == {Status.PASSED}:
            return Status.PASSED
        for whole in (Status.NOT_ATTEMPTED, Status.MISSING):
            if statuses == {whole}:
                return whole
        return Status.PARTIAL if self.points > 0 else Status.FAILED

    @property
    def checks_passed(self) -> str:
        """"passed/ran": the checks that passed, of those that ran (not run and not graded left out)."""
        ran = [c for c in self.checks if c.verdict.status not in (Status.NOT_RUN, Status.NOT_GRADED)]
        return f"{sum(c.verdict.passed for c in ran)}/{len(ran)}"

    @property
    def failures(self) -> list[CheckResult]:
        """The checks that ran and did not pass."""
        return [c for c in self.checks
                if not c.verdict.passed and c.verdict.status not in (Status.NOT_RUN, Status.NOT_GRADED)]

    def check_points(self, check: CheckResult) -> tuple[float, float]:
        """(earned, possible) for one of this task's checks: the task's points shared by weight among
        the checks that count (a check not run has no share). A task not graded earns nothing."""
        weight = sum(c.weight for c in self.checks if c.verdict.counted)
        if not check.verdict.counted or not weight:
            return 0.0, 0.0
        possible = self.max_points * check.weight / weight
        return (possible if check.verdict.passed and self.graded else 0.0), possible

    def to_dict(self) -> dict:
        return {"task": self.task, "title": self.title, "points": self.points, "max_points": self.max_points,
                "status": self.status.value, "not_graded": self.not_graded, "diagnosis": self.diagnosis,
                "checks": [c.to_dict() for c in self.checks]}

    @classmethod
    def from_dict(cls, data: dict) -> "TaskResult":
        return cls(data["task"], data.get("title", data["task"]), data["points"], data["max_points"],
                   [CheckResult.from_dict(data["task"], c) for c in data.get("checks", [])],
                   data.get("not_graded", ""), data.get("diagnosis", ""))


@dataclass
class GradeReport:
    """One submission's grade.

    ``notes`` are for the student (they go into the feedback and results.json);
    ``grader_notes`` are for whoever runs the grader only: how student code was isolated,
    problems of the kit itself.
    """

    submission: str
    tasks: list[TaskResult]
    notes: list[str] = field(default_factory=list)
    grader_notes: list[str] = field(default_factory=list)
    seconds: float = 0.0   # the grade's wall time

    @property
    def total(self) -> float:
        """Points of the graded tasks (a task that could not be graded adds nothing: see ``complete``)."""
        return round(sum(t.points for t in self.tasks if t.graded), 2)

    @property
    def max_total(self) -> float:
        return round(sum(t.max_points for t in self.tasks), 2)

    @property
    def complete(self) -> bool:
        """Whether every task was graded."""
        return all(t.graded for t in self.tasks)

    @property
    def not_graded(self) -> list[TaskResult]:
        return [t for t in self.tasks if not t.graded]

    def to_dict(self) -> dict:
        """The report as plain JSON data."""
        return {"submission": self.submission, "total": self.total, "max_total": self.max_total,
                "complete": self.complete, "notes": list(self.notes), "grader_notes": list(self.grader_notes),
                "seconds": self.seconds, "tasks": [t.to_dict() for t in self.tasks]}

    @classmethod
    def from_dict(cls, data: dict) -> "GradeReport":
        return cls(data.get("submission", ""), [TaskResult.from_dict(t) for t in data.get("tasks", [])],
                   list(data.get("notes", [])), list(data.get("grader_notes", [])), float(data.get("seconds", 0.0)))


@dataclass
class StudentRecord:
    """A class run's record of one student (``OUT/students/<student>/report.json``): the grade, or
    why there is none, with what a later run needs to decide whether it still stands."""

    student: str
    state: State
    report: GradeReport | None = None   # None when the submission could not be graded
    problem: str = ""                   # why it could not be graded ('' when it was)
    content_hash: str = ""              # of the submission's files
    fingerprint: str = ""               # of the grading (tasks, tiers, points, kit, limits)

    def __post_init__(self):
        self.state = State(self.state)

    @classmethod
    def could_not_grade(cls, student: str, problem: str, content_hash: str = "",
                        fingerprint: str = "") -> "StudentRecord":
        return cls(student, State.FAILED, None, problem, content_hash, fingerprint)

    @property
    def graded(self) -> bool:
        return self.state is State.GRADED and self.report is not None

    @property
    def tasks(self) -> list[TaskResult]:
        return self.report.tasks if self.report is not None else []

    @property
    def total(self) -> float | None:
        return self.report.total if self.report is not None else None

    @property
    def max_total(self) -> float | None:
        return self.report.max_total if self.report is not None else None

    @property
    def complete(self) -> bool:
        return self.report is not None and self.report.complete

    def to_dict(self) -> dict:
        head = {"student": self.student, "content_hash": self.content_hash, "fingerprint": self.fingerprint,
                "state": self.state.value, "problem": self.problem}
        if self.report is None:
            return {**head, "total": None, "max_total": None, "tasks": [], "notes": []}
        return {**self.report.to_dict(), **head}

    @classmethod
    def from_dict(cls, data: dict) -> "StudentRecord":
        report = GradeReport.from_dict(data) if data.get("state") == State.GRADED.value else None
        return cls(data.get("student", ""), data.get("state", State.FAILED.value), report,
                   data.get("problem", ""), data.get("content_hash", ""), data.get("fingerprint", ""))
