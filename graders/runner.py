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
import os
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path
from unittest import mock

import pytest

from graders import process_tree, sandbox, tasks
from graders.config import TaskPoints, load_points
from graders.feedback import Verdict
from graders.plugin import TIERS, check_verdict, task_of, tier_of

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
    not_graded: str = ""    # why the task could not be graded, and the fix ('' when it was graded)

    @property
    def graded(self) -> bool:
        return not self.not_graded

    @property
    def status(self) -> str:
        if self.not_graded:
            return "not graded"
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
        """The checks that ran and did not pass."""
        return [c for c in self.checks if not c.verdict.passed and c.verdict.status not in ("not run", "not graded")]


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
        """The report as plain JSON data (report.json of a class run)."""
        return {
            "submission": self.submission, "total": self.total, "max_total": self.max_total,
            "complete": self.complete, "notes": list(self.notes), "grader_notes": list(self.grader_notes),
            "tasks": [{"task": t.task, "title": t.title, "points": t.points, "max_points": t.max_points,
                       "status": t.status, "not_graded": t.not_graded,
                       "checks": [{"check": c.check, "tier": c.tier, "description": c.description,
                                   "weight": c.weight, **asdict(c.verdict)} for c in t.checks]}
                      for t in self.tasks],
        }


class Collector:
    """A pytest plugin that keeps each check's verdict instead of printing it."""

    def __init__(self):
        self.results: dict[str, tuple] = {}
        self.errors: dict[str, str] = {}   # task -> why its grader suite could not be loaded

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        outcome = yield
        report = outcome.get_result()
        if report.when == "call" or report.failed or report.skipped:
            verdict = check_verdict(item, call, report)
            doc = (getattr(item.function, "__doc__", None) or "").strip().splitlines()
            key = item.nodeid
            if key not in self.results or not verdict.passed:
                self.results[key] = (task_of(item), item.name.removeprefix("test_"),
                                     tier_of(item), doc[0] if doc else "", verdict)

    def pytest_collectreport(self, report):
        if report.failed:
            lines = report.longreprtext.strip().splitlines()
            self.errors[Path(report.nodeid).stem.removeprefix("test_")] = (
                f"{report.nodeid}: {lines[-1] if lines else 'could not be collected'}")


class OnlyChecks:
    """A pytest plugin that keeps only the named checks (a name without ``[case]`` keeps every case)."""

    def __init__(self, names):
        self.names = set(names)

    def pytest_collection_modifyitems(self, config, items):
        keep, drop = [], []
        for item in items:
            name = item.name.removeprefix("test_")
            (keep if name in self.names or name.split("[", 1)[0] in self.names else drop).append(item)
        items[:] = keep
        config.hook.pytest_deselected(items=drop)


def suite_files(task_ids, tiers) -> list[Path]:
    return [path for task_id in task_ids for tier in tiers
            if (path := GRADERS / tier / f"test_{task_id}.py").is_file()]


def grade(submission: Path | str, task_ids=None, tiers=TIERS, points_file: Path | None = None,
          artifacts: Path | None = None, extra_args: tuple = (), checks=None) -> GradeReport:
    """Grade the modules in ``submission`` on ``task_ids`` (default: all tasks with suites).

    Checks that make files for the student (plots) write them to ``artifacts``. A task whose
    graders need a library that is not installed is not graded (and its suites not run).
    ``checks`` (check ids, e.g. ``rows_sum_to_one`` or ``matches_reference[identity]``) runs
    only those checks (the kit's own tests); the score then counts only them.
    """
    submission = Path(submission)
    task_ids = list(task_ids or [t.id for t in tasks.TASKS])
    for task_id in task_ids:
        tasks.get(task_id)  # unknown ids fail here, with the list of known ones
    points = load_points(points_file)
    isolation = sandbox.describe()  # SandboxError (a ConfigError) where bubblewrap is required but fails
    unmet = {t: r for t in task_ids if (r := tasks.get(t).unmet()) is not None}
    files = suite_files([t for t in task_ids if t not in unmet], tiers)
    kit_before = kit_digest()
    collector = Collector()
    if files:
        # Student code never runs in this process, so pytest's watch for unraisable and thread
        # exceptions has nothing to catch here; at exit it runs gc.collect() on the whole grader
        # (tens of ms per grade in a long-lived class or test process). --tb=no: the plugin
        # replaces a failed check's traceback with its verdict; formatting it first (parsing the
        # source of every frame) cost 60% of grading stubs that fail every check.
        args = [*map(str, files), f"--submission={submission}", "-p", "no:cacheprovider",
                "-p", "no:unraisableexception", "-p", "no:threadexception", "--tb=no",
                "-o", "addopts=", "-o", "python_files=test_*.py", f"--rootdir={KIT_ROOT}", "-q"]
        if artifacts is not None:
            args.append(f"--artifacts={artifacts}")
        if points_file is not None:
            args.append(f"--points={Path(points_file).resolve()}")
        plugins = [collector] + ([OnlyChecks(checks)] if checks is not None else [])
        # Third-party pytest plugins (xdist, anyio's, ...) are not loaded: a grade needs none but
        # hypothesis's, and importing them cost ~0.3 s of every grader process.
        args += ["-p", "_hypothesis_pytestplugin"]
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings(), \
                mock.patch.dict(os.environ, {"PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}):
            pytest.main([*args, *extra_args], plugins=plugins)
    results = []
    for task_id in task_ids:
        result = _score(task_id, points, collector, tiers)
        if task_id in unmet:
            result.not_graded = f"{unmet[task_id].name} is not installed on the grading machine; {unmet[task_id].fix}"
        elif task_id in collector.errors:
            result.not_graded = (f"its grader suite could not be loaded ({collector.errors[task_id]}); "
                                 "the kit needs fixing: run `dlgrade doctor` and tell the course's maintainers")
        results.append(result)
    report = GradeReport(str(submission), results)
    report.grader_notes += [isolation, process_tree.describe()]
    kit_after = kit_digest()
    changed = sorted(name for name in kit_before.keys() | kit_after.keys()
                     if kit_before.get(name) != kit_after.get(name))
    if changed:
        report.grader_notes.append("WARNING: the kit's files changed while this submission was graded: "
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
    """The task's points from its checks' verdicts: ``points * passed weight / weight of the checks run``.

    A check "not run" (by design: the GPU check without a GPU) is left out; a check "not
    graded" (no dataset on the grading machine) makes the whole task not graded.
    """
    task_points = points.get(task_id, TaskPoints(0.0))
    checks = [CheckResult(task, check, tier, doc, task_points.weight(check), verdict)
              for task, check, tier, doc, verdict in collector.results.values() if task == task_id]
    checks.sort(key=lambda c: tiers.index(c.tier) if c.tier in tiers else 99)
    result = TaskResult(task_id, tasks.get(task_id).title, 0.0, task_points.points, checks)
    blocked = [c for c in checks if c.verdict.status in ("not graded", "grader error")]
    if blocked:
        first = blocked[0].verdict
        if first.status == "grader error":
            result.not_graded = (f"the grader failed in check {blocked[0].check} ({first.message}); "
                                 "nothing was scored for this task")
        else:
            result.not_graded = f"{first.message}; {first.hint}" if first.hint else first.message
        return result
    ran = [c for c in checks if c.verdict.status != "not run"]
    total_weight = sum(c.weight for c in ran)
    earned = sum(c.weight for c in ran if c.verdict.passed)
    result.points = round(task_points.points * earned / total_weight, 2) if total_weight else 0.0
    return result
