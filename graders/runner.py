"""Run the grader suites on one submission and score the outcome.

``grade()`` runs pytest in this process over the suites of the requested tasks
and tiers, with a collector plugin that turns every check's outcome into a
:class:`~graders.feedback.Verdict`. Student code never runs here: the suites
reach it through worker processes.
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from graders import sandbox, tasks
from graders.config import TaskPoints, load_points
from graders.feedback import Verdict, verdict_for
from graders.plugin import TIERS, task_of, tier_of

KIT_ROOT = Path(__file__).resolve().parent.parent
GRADERS = KIT_ROOT / "graders"


@dataclass
class CheckResult:
    task: str
    check: str
    tier: str
    description: str
    weight: float
    verdict: Verdict


@dataclass
class TaskResult:
    task: str
    title: str
    points: float
    max_points: float
    checks: list[CheckResult] = field(default_factory=list)

    @property
    def status(self) -> str:
        statuses = {c.verdict.status for c in self.checks if c.verdict.status != "not run"}
        if not statuses:
            return "not run"
        if statuses == {"passed"}:
            return "passed"
        for whole in ("not attempted", "missing"):
            if statuses == {whole}:
                return whole
        return "partial" if self.points > 0 else "failed"

    @property
    def failures(self) -> list[CheckResult]:
        return [c for c in self.checks if not c.verdict.passed and c.verdict.status != "not run"]


@dataclass
class GradeReport:
    submission: str
    tasks: list[TaskResult]
    notes: list[str] = field(default_factory=list)

    @property
    def total(self) -> float:
        return round(sum(t.points for t in self.tasks), 2)

    @property
    def max_total(self) -> float:
        return round(sum(t.max_points for t in self.tasks), 2)


class Collector:
    """A pytest plugin that keeps each check's verdict instead of printing it."""

    def __init__(self):
        self.results: dict[str, tuple] = {}
        self.errors: list[str] = []

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        outcome = yield
        report = outcome.get_result()
        if report.when == "call" or report.failed or report.skipped:
            exc = call.excinfo.value if call.excinfo and not report.skipped else None
            skipped = _skip_reason(report) if report.skipped else ""
            hint = item.get_closest_marker("hint")
            verdict = verdict_for(exc, hint=hint.args[0] if hint else "", skipped_reason=skipped)
            doc = (getattr(item.function, "__doc__", None) or "").strip().splitlines()
            key = item.nodeid
            if key not in self.results or not verdict.passed:
                self.results[key] = (task_of(item), item.name.removeprefix("test_"),
                                     tier_of(item), doc[0] if doc else "", verdict)

    def pytest_collectreport(self, report):
        if report.failed:
            self.errors.append(f"{report.nodeid}: {report.longreprtext.strip().splitlines()[-1]}")


def _skip_reason(report) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return "skipped"


def suite_files(task_ids, tiers) -> list[Path]:
    return [path for task_id in task_ids for tier in tiers
            if (path := GRADERS / tier / f"test_{task_id}.py").is_file()]


def grade(submission: Path | str, task_ids=None, tiers=TIERS, points_file: Path | None = None,
          artifacts: Path | None = None, extra_args: tuple = ()) -> GradeReport:
    """Grade the modules in ``submission`` on ``task_ids`` (default: all tasks with suites).

    Checks that make files for the student (plots) write them to ``artifacts``.
    """
    submission = Path(submission)
    task_ids = list(task_ids or [t.id for t in tasks.TASKS])
    for task_id in task_ids:
        tasks.get(task_id)  # unknown ids fail here, with the list of known ones
    points = load_points(points_file)
    isolation = sandbox.describe()  # SandboxError (a ConfigError) where bubblewrap is required but fails
    files = suite_files(task_ids, tiers)
    kit_before = kit_digest()
    collector = Collector()
    if files:
        args = [*map(str, files), f"--submission={submission}", "-p", "no:cacheprovider",
                "-o", "addopts=", "-o", "python_files=test_*.py", f"--rootdir={KIT_ROOT}", "-q"]
        if artifacts is not None:
            args.append(f"--artifacts={artifacts}")
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            pytest.main([*args, *extra_args], plugins=[collector])
    report = GradeReport(str(submission), [_score(t, points, collector, tiers) for t in task_ids])
    report.notes += [f"grader suite problem: {e}" for e in collector.errors]
    report.notes.append(isolation)
    kit_after = kit_digest()
    changed = sorted(name for name in kit_before.keys() | kit_after.keys()
                     if kit_before.get(name) != kit_after.get(name))
    if changed:
        report.notes.append("WARNING: the kit's files changed while this submission was graded: "
                            f"{', '.join(changed[:10])}; check them (git status) before trusting this grade")
    return report


def kit_digest() -> dict[str, str]:
    """SHA-256 of the reference solutions, grader suites and points, by path.

    Without bubblewrap nothing but the worker's guard rails keeps student code from
    writing to them; comparing digests before and after grading makes any change visible.
    """
    digest = {}
    for folder, pattern in ((KIT_ROOT / "solutions", "*.py"), (GRADERS, "**/*.py"), (GRADERS, "*.toml")):
        for path in sorted(folder.glob(pattern)):
            if "__pycache__" not in path.parts:
                digest[str(path.relative_to(KIT_ROOT))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digest


def _score(task_id: str, points: dict[str, TaskPoints], collector: Collector, tiers) -> TaskResult:
    task_points = points.get(task_id, TaskPoints(0.0))
    checks = [CheckResult(task, check, tier, doc, task_points.weight(check), verdict)
              for task, check, tier, doc, verdict in collector.results.values() if task == task_id]
    checks.sort(key=lambda c: tiers.index(c.tier) if c.tier in tiers else 99)
    ran = [c for c in checks if c.verdict.status != "not run"]
    total_weight = sum(c.weight for c in ran)
    earned = sum(c.weight for c in ran if c.verdict.passed)
    score = task_points.points * earned / total_weight if total_weight else 0.0
    return TaskResult(task_id, tasks.get(task_id).title, round(score, 2), task_points.points, checks)
