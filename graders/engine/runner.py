"""Run the grader suites on one submission and score the outcome.

``grade()`` runs pytest in this process over the suites of the requested tasks
and tiers, with a collector plugin that keeps every check's
:class:`~graders.results.Verdict`. Student code never runs here: the suites
reach it through worker processes (a notebook's cell, :mod:`graders.engine.kernel`,
runs the same suites with ``run_suites`` and a thread of the kernel instead).
"""
from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import io
import multiprocessing
import os
import time
import types
import warnings
from pathlib import Path
from unittest import mock

import _hypothesis_pytestplugin
import pytest

from graders import tasks
from graders.engine import plugin, process_tree, remote, replay, sandbox, zygote
from graders.engine.plugin import CHECK_PROPERTY, MEASURE_PROPERTY, TIERS, VERDICT_PROPERTY, GradingSettings, check_of
from graders.kit import GRADERS, KIT_ROOT
from graders.points import TaskPoints, load_points
from graders.results import Check, CheckResult, GradeReport, Status, TaskResult, Verdict


#: pytest's built-in plugins a graded session leaves out: no check uses their fixtures (tmp_path,
#: monkeypatch, capsys, caplog, recwarn, subtests) or options, and each plugin costs every session its
#: registration, hook replay and per-test work (fd capture, log capture, faulthandler). Names a pytest
#: version does not have are ignored. tests/test_layout.py checks that no suite asks for their fixtures.
UNUSED_PYTEST_PLUGINS = (
    "cacheprovider", "unraisableexception", "threadexception", "capture", "logging", "faulthandler",
    "doctest", "junitxml", "pastebin", "setuponly", "setupplan", "stepwise", "subtests", "unittest",
    "legacypath", "tmpdir", "monkeypatch", "recwarn", "debugging", "nose",
)
#: The fixtures of those plugins, which a grader suite therefore cannot use.
UNAVAILABLE_FIXTURES = ("tmp_path", "tmp_path_factory", "tmpdir", "tmpdir_factory", "monkeypatch", "capsys",
                        "capsysbinary", "capfd", "capfdbinary", "caplog", "recwarn", "subtests", "doctest_namespace",
                        "record_property", "record_xml_attribute", "record_testsuite_property", "testdir", "pytester")


class Collector:
    """A pytest plugin that keeps each check's verdict (which the grading plugin puts on its reports)
    instead of printing it: per check, that of its call, or of the first phase that did not pass."""

    def __init__(self):
        self.results: dict[str, tuple[Check, Verdict]] = {}
        self.errors: dict[str, str] = {}   # task -> why its grader suite could not be loaded
        self.seconds: dict[str, float] = {}   # node id -> its setup, call and teardown
        self.measures: dict[str, dict[str, float]] = {}

    def pytest_runtest_logreport(self, report):
        self.seconds[report.nodeid] = self.seconds.get(report.nodeid, 0.0) + report.duration
        for name, value in report.user_properties:
            if name == MEASURE_PROPERTY:
                self.measures.setdefault(report.nodeid, {}).update(value)
        properties = dict(report.user_properties)
        if VERDICT_PROPERTY not in properties:
            return
        verdict = Verdict.from_dict(properties[VERDICT_PROPERTY])
        if report.nodeid not in self.results or not verdict.passed:
            self.results[report.nodeid] = (Check(**properties[CHECK_PROPERTY]), verdict)

    def pytest_collectreport(self, report):
        if report.failed:
            lines = report.longreprtext.strip().splitlines()
            self.errors[Path(report.nodeid).stem.removeprefix("test_")] = (
                f"{report.nodeid}: {lines[-1] if lines else 'could not be collected'}")

    def update(self, other: "Collector") -> None:
        """Take in the verdicts and errors of another session (another task's)."""
        self.results.update(other.results)
        self.errors.update(other.errors)
        self.seconds.update(other.seconds)
        self.measures.update(other.measures)


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


def default_jobs() -> int:
    """The processes a grade may run tasks in at once: one per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def grade(submission: Path | str, task_ids=None, tiers=TIERS, points_file: Path | None = None,
          artifacts: Path | None = None, checks=None, *, max_call_timeout: float | None = None,
          shrink: bool = True, pytest_args: tuple = (), jobs: int = 1) -> GradeReport:
    """Grade the modules in ``submission`` on ``task_ids`` (default: all tasks with suites).

    Checks that make files for the student (plots) write them to ``artifacts``. A task whose
    graders need a library that is not installed is not graded (and its suites not run).
    ``checks`` (check ids, e.g. ``rows_sum_to_one`` or ``matches_reference[identity]``) runs
    only those checks (the kit's own tests); the score then counts only them. ``max_call_timeout``
    caps every time limit on student code (class runs, the kit's tests); ``shrink=False`` skips
    shrinking a failing example (same verdicts, less helpful messages: the kit's tests).
    ``pytest_args``: more of pytest's own options (``-k``). ``jobs`` > 1 grades that many tasks at
    once, in as many processes (the grader and its worker take turns on one core, so one task keeps
    one core busy); a task's verdicts do not depend on what runs beside it.
    """
    started = time.monotonic()
    submission = Path(submission)
    task_ids = list(task_ids or [t.id for t in tasks.TASKS])
    for task_id in task_ids:
        tasks.get(task_id)  # unknown ids fail here, with the list of known ones
    points = load_points(points_file)
    isolation = sandbox.describe()  # SandboxError (a ConfigError) where bubblewrap is required but fails
    unmet = {t: r for t in task_ids if (r := tasks.get(t).unmet()) is not None}
    graded = [t for t in task_ids if t not in unmet]
    kit_before = kit_digest()
    session = GradingSettings(submission, Path(points_file).resolve() if points_file is not None else None,
                              Path(artifacts) if artifacts is not None else None, max_call_timeout, shrink)
    collector = run_tasks(graded, tiers, session, checks, pytest_args, jobs)
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
    report.seconds = time.monotonic() - started
    report.grader_notes += [isolation, process_tree.describe()]
    kit_after = kit_digest()
    changed = sorted(name for name in kit_before.keys() | kit_after.keys()
                     if kit_before.get(name) != kit_after.get(name))
    if changed:
        report.grader_notes.append("WARNING: the kit's files changed while this submission was graded: "
                                   f"{', '.join(changed[:10])}; check them (git status) before trusting this grade")
    return report


def run_tasks(task_ids, tiers, session: GradingSettings, checks=None, pytest_args: tuple = (),
              jobs: int = 1) -> Collector:
    """The verdicts of every suite of ``task_ids``, in one pytest session: with ``jobs`` > 1, once the checks
    are collected, ``jobs`` - 1 forked copies of the session and the session itself each run one task at a
    time, the next not yet taken (TaskClaims)."""
    jobs = min(jobs, len(task_ids)) if "fork" in multiprocessing.get_all_start_methods() else 1
    # Workers of tasks that need nothing more than numpy are forked from one zygote per grading process,
    # started now: it boots while pytest collects the checks (a student's `dlgrade check softmax` 0.61 -> 0.55 s).
    warm = _prestart_zygote if session.new_worker is None and any(not tasks.get(t).requires for t in task_ids) \
        else None
    # The longest first (tasks that need torch train a network), so no core waits alone at the end.
    claims = [TaskClaims(sorted(task_ids, key=lambda t: not tasks.get(t).requires), jobs, warm)] if jobs > 1 else []
    with _heap_frozen():
        if warm:
            warm()
        return run_suites(suite_files(task_ids, tiers), session, checks, pytest_args, plugins=claims)


class TaskClaims:
    """A pytest plugin that runs a session's checks in ``processes`` processes: the session's own and forked
    copies of it, made once the checks are collected. Each runs the checks of one task at a time, taking
    the next task of ``order`` from a counter they share, so every task is graded once, by whichever
    process is free first; a copy sends its verdicts back to the session's Collector.

    One session, collected once: a session per task cost 20 ms each to start (pytest's configuration,
    every plugin's fixtures scanned), and a session per process its own collection (0.18 s).
    """

    def __init__(self, order: list[str], processes: int, warm=None):
        self.order = order
        self.processes = processes
        self.warm = warm   # what a forked copy runs first (it starts its own zygote)
        self.context = multiprocessing.get_context("fork")
        self.taken = self.context.Value("i", 0)   # how many tasks of ``order`` are taken

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session):
        by_task: dict[str, list] = {}
        for item in session.items:
            by_task.setdefault(check_of(item).task, []).append(item)
        collector = next(p for p in session.config.pluginmanager.get_plugins() if isinstance(p, Collector))
        helpers = []
        try:
            for _ in range(self.processes - 1):
                ours, theirs = self.context.Pipe(duplex=False)
                helper = self.context.Process(target=self._help, args=(by_task, collector, theirs))
                helper.start()
                theirs.close()
                helpers.append((helper, ours))
            self._run(by_task)
            for helper, ours in helpers:
                try:
                    collector.update(ours.recv())
                except EOFError:
                    helper.join()
                    raise RuntimeError(f"a grading process ended (exit code {helper.exitcode}) without sending "
                                       "the verdicts of the tasks it took") from None
                helper.join()   # it ends its zygote (and removes its folder) on the way out
        finally:
            for helper, ours in helpers:
                if helper.is_alive():   # the session stopped early (Ctrl-C, a grader error)
                    helper.kill()
                    helper.join()
                ours.close()
        return True

    def _help(self, by_task: dict[str, list], collector: Collector, conn) -> None:
        """In a forked copy of the session: grade tasks until none is left, then send the verdicts."""
        if self.warm:
            self.warm()
        self._run(by_task)
        conn.send(collector)

    def _run(self, by_task: dict[str, list]) -> None:
        while (task := self._claim()) is not None:
            items = by_task.get(task, [])
            for i, item in enumerate(items):
                nextitem = items[i + 1] if i + 1 < len(items) else None   # None: the task's worker stops
                item.config.hook.pytest_runtest_protocol(item=item, nextitem=nextitem)

    def _claim(self) -> str | None:
        with self.taken.get_lock():
            index = self.taken.value
            self.taken.value = index + 1
        return self.order[index] if index < len(self.order) else None


@contextlib.contextmanager
def _heap_frozen():
    """While grading, the garbage collector leaves alone what was alive before (gc.freeze).

    Hypothesis and pytest allocate enough per example to start a thousand collections in one
    grade, and each older-generation one scanned every object of pytest, hypothesis, numpy and
    the kit: 0.56 s of a grade's 7 s of grader CPU, 0.31 s frozen. A forked task process
    inherits the frozen heap. The objects are handed back to the collector afterwards, so a
    long-lived process (a class grader, the kit's tests) does not keep what its grades dropped.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _prestart_zygote() -> None:
    zygote.prestart(remote.worker_env())


def run_suites(files, session: GradingSettings, checks=None, pytest_args: tuple = (), plugins=()) -> Collector:
    """Run the grader suites ``files`` under ``session``: the checks' verdicts, kept by a Collector.

    ``checks``: the check ids to run (see grade()); ``plugins``: more pytest plugins for the session. A
    grading interrupted (Ctrl-C, a notebook cell's timeout) raises KeyboardInterrupt rather than give a
    score for the checks that ran.
    """
    collector = Collector()
    if not files:
        return collector
    # Student code runs in a worker process (or, for a notebook, in a thread whose loop keeps its
    # own exceptions), so pytest's watch for unraisable and thread exceptions has nothing to catch
    # here; at exit it runs gc.collect() on the whole grader
    # (tens of ms per grade in a long-lived class or test process). --tb=no: the plugin
    # replaces a failed check's traceback with its verdict; formatting it first (parsing the
    # source of every frame) cost 60% of grading stubs that fail every check.
    # A suite that cannot be collected costs its task only (Collector.errors): the others still run.
    # Plugins are not loaded from entry points: a grade needs only hypothesis's and the kit's own
    # (named here), and importing the others (xdist, anyio's, ...) cost ~0.3 s of every grader process.
    # Those two are handed over as modules: named with -p, each cost a scan of every installed
    # package's entry points (pytest 8.4+), 6 ms per name and session.
    # pytest's own plugins that no check uses are not loaded either (UNUSED_PYTEST_PLUGINS).
    args = [*map(str, files), *(arg for name in UNUSED_PYTEST_PLUGINS for arg in ("-p", f"no:{name}")),
            "--tb=no", "--continue-on-collection-errors", "-o", "addopts=", "-o", "python_files=test_*.py",
            f"--rootdir={KIT_ROOT}", "-q"]
    plugins = [_hypothesis_pytestplugin, plugin, session, collector, *plugins] + (
        [OnlyChecks(checks)] if checks is not None else [])
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings(), \
            mock.patch.dict(os.environ, {"PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}):
        code = with_stack_room(pytest.main, [*args, *pytest_args], plugins=plugins)
    if code == pytest.ExitCode.INTERRUPTED:
        raise KeyboardInterrupt
    return collector


#: Unused local variables of the frame that with_stack_room calls from: 8 bytes each.
STACK_ROOM_SLOTS = 16384


def with_stack_room(fn, *args, **kwargs):
    """``fn(*args, **kwargs)``, called from a frame that leaves it about 128 KiB of CPython's frame stack in
    one piece.

    CPython (3.11 and later) keeps Python frames in 16 KiB chunks that it maps when the stack grows past one
    and unmaps when it shrinks back. A loop whose calls cross a chunk's end therefore maps and unmaps a chunk
    on every call: a page fault and two system calls each. Where grading's loops sit relative to those ends
    depends only on how deep grading is called from: in the task processes that ``--jobs 2`` forked then,
    they crossed one about 34,000 times per grade of the 14 numpy tasks (1.2 s of the grade's 7.4 s of CPU).
    The frame this calls ``fn`` from has STACK_ROOM_SLOTS unused local variables, so CPython gives it a
    chunk of 256 KiB of its own, and every frame that grading pushes fits in the rest of that chunk.
    Python 3.10 keeps frames on the heap: there the frame only costs its 128 KiB while ``fn`` runs.
    """
    return _roomy_call()(fn, args, kwargs)


def _call(fn, args, kwargs):
    return fn(*args, **kwargs)


@functools.cache
def _roomy_call():
    """:func:`_call`, with a frame STACK_ROOM_SLOTS local variables larger."""
    code = _call.__code__
    names = code.co_varnames + tuple(f"_unused{i}" for i in range(STACK_ROOM_SLOTS))
    return types.FunctionType(code.replace(co_varnames=names, co_nlocals=len(names)), {}, "_roomy_call")


def kit_digest() -> dict[str, str]:
    """SHA-256 of the reference solutions, grader suites, their recorded examples and points, by path.

    Without bubblewrap nothing but the worker's guard rails keeps student code from
    writing to them; comparing digests before and after grading makes any change visible.
    """
    digest = {}
    for folder, pattern in ((KIT_ROOT / "solutions", "*.py"), (GRADERS, "**/*.py"), (GRADERS, "*.toml"),
                            (GRADERS, f"*/{replay.FOLDER}/*{replay.SUFFIX}")):
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
    checks = [CheckResult.of(check, task_points.weight(check.name), verdict, collector.seconds.get(node, 0.0),
                             collector.measures.get(node))
              for node, (check, verdict) in collector.results.items() if check.task == task_id]
    checks.sort(key=lambda c: tiers.index(c.tier) if c.tier in tiers else 99)
    result = TaskResult(task_id, tasks.get(task_id).title, 0.0, task_points.points, checks)
    blocked = [c for c in checks if c.verdict.status.blocks_the_task]
    if blocked:
        first = blocked[0].verdict
        if first.status is Status.GRADER_ERROR:
            result.not_graded = (f"the grader failed in check {blocked[0].check} ({first.message}); "
                                 "nothing was scored for this task")
        else:
            result.not_graded = f"{first.message}; {first.hint}" if first.hint else first.message
        return result
    ran = [c for c in checks if c.verdict.counted]
    total_weight = sum(c.weight for c in ran)
    earned = sum(c.weight for c in ran if c.verdict.passed)
    result.points = round(task_points.points * earned / total_weight, 2) if total_weight else 0.0
    return result
