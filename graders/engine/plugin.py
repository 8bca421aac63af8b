"""The pytest side of grading: options, markers, the ``student``/``reference`` fixtures.

Grader suites are ordinary pytest files, ``graders/<tier>/test_<task>.py``. This
plugin gives each check:

- ``student``: the submission's module for the file's task, running in a worker
  process (see :mod:`graders.engine.remote`), or a notebook's functions served from a
  thread of its kernel (``GradingSettings.new_worker``, see :mod:`graders.engine.kernel`);
- ``reference``: the reference module from ``solutions/`` (hidden tier only: the
  student release has no ``solutions/``).

It also tags every check with its task (so ``pytest graders/public -m softmax``
runs one task) and its tier, and loads the deterministic hypothesis profile.

pytest loads it through the ``pytest11`` entry point in every session of the Python where the kit
is installed, so it acts on the grader suites only (:func:`is_suite`): another project's tests,
and the kit's own, run as if it were not there. Graded runs load it by name (``runner.run_suites``).
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest
from hypothesis import settings

from graders import tasks
from graders.engine import replay
from graders.engine.feedback import recording_examples, verdict_for
from graders.engine.problems import ModuleUnavailable, StopCheck
from graders.engine.remote import Worker
from graders.kit import GRADERS
from graders.points import load_points
from graders.report import verdict_lines
from graders.results import Check, Verdict


TIERS = ("public", "hidden")


@dataclass(frozen=True)
class GradingSettings:
    """What one grading session is set to. ``runner.grade`` hands it to pytest as a plugin object;
    a plain ``pytest graders/...`` run makes it from the command line's options (below)."""

    submission: Path
    points_file: Path | None = None     # the points file graded with (None: graders/points.toml)
    artifacts: Path | None = None       # where checks write files for the student (plots)
    max_call_timeout: float | None = None
    shrink: bool = True                 # shrink a failing example to its smallest input
    # Replay the checks' recorded examples, record them, or leave every draw to hypothesis ("off"), or the
    # replay.Examples that does one of these (graders.engine.replay)
    examples: "str | replay.Examples" = field(default=replay.REPLAY, compare=False)
    # How a task's student code is reached: by default a worker process over the submission's module;
    # a notebook's check cell (graders.engine.kernel) gives the task id -> Worker over the kernel's namespace.
    new_worker: Callable[[str], Worker] | None = field(default=None, compare=False)

    @classmethod
    def from_options(cls, config) -> "GradingSettings":
        optional = {name: Path(value) if value else None
                    for name, value in (("points_file", config.getoption("points")),
                                        ("artifacts", config.getoption("artifacts")))}
        return cls(Path(config.getoption("submission")), **optional,
                   max_call_timeout=config.getoption("max_call_timeout"), shrink=not config.getoption("no_shrink"))


SETTINGS = pytest.StashKey[GradingSettings]()
POINTS = pytest.StashKey[dict]()   # the points file graded with, loaded once per session


def pytest_addoption(parser):
    group = parser.getgroup("dlgrade")
    group.addoption("--submission", default="exercises",
                    help="folder with the student's modules (default: ./exercises)")
    group.addoption("--artifacts", default=None,
                    help="folder where checks write files for the student (plots); default: none")
    group.addoption("--no-shrink", action="store_true", default=False,
                    help="do not shrink failing examples (the kit's own tests: same verdicts, faster)")
    group.addoption("--points", default=None,
                    help="the points file graded with (its [tasks.<id>.settings] tables configure checks)")
    group.addoption("--max-call-timeout", type=float, default=None,
                    help="cap every time limit on student code at this many seconds (class runs, tests)")


def pytest_configure(config):
    given = [plugin for plugin in config.pluginmanager.get_plugins() if isinstance(plugin, GradingSettings)]
    session = config.stash[SETTINGS] = given[0] if given else GradingSettings.from_options(config)
    for task in tasks.TASKS:
        config.addinivalue_line("markers", f"{task.id}: checks of the {task.id} task")
    for tier in TIERS:
        config.addinivalue_line("markers", f"{tier}: {tier} checks")
    config.addinivalue_line("markers", "hint(text): what to tell a student who fails this check")
    config.addinivalue_line("markers", "call_timeout(seconds): time limit of one call into student code")
    config.addinivalue_line("markers", "memory_mb(mb): address-space limit of the worker")
    config.stash[POOL] = WorkerPool(session.submission, max_timeout=session.max_call_timeout,
                                    new_worker=session.new_worker)
    examples = session.examples
    config.stash[EXAMPLES] = replay.Examples(examples) if isinstance(examples, str) else examples


SUITE_FOLDERS = frozenset(GRADERS / tier for tier in TIERS)


def is_suite(path) -> bool:
    """Whether ``path`` is a grader suite, ``graders/<tier>/test_<task>.py``."""
    return Path(path).resolve().parent in SUITE_FOLDERS


def _profile(config) -> str:
    """The hypothesis profile of this session's checks: the kit's, without shrinking where the grade says so."""
    return replay.PROFILE if config.stash[SETTINGS].shrink else replay.PROFILE_NO_SHRINK


def pytest_collect_file(file_path, parent):
    """Before the first suite is imported (its ``@settings`` take their defaults then), the kit's
    deterministic hypothesis profile; a session that collects no suite keeps its own."""
    if is_suite(file_path) and file_path.suffix == ".py":
        settings.load_profile(_profile(parent.config))


def pytest_unconfigure(config):
    pool = config.stash.get(POOL, None)
    if pool is not None:
        pool.close()


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item, nextitem):
    """After a task's last check (and its fixtures' teardown) its worker is stopped: a task's checks run
    one after another, so a grade of many tasks holds one worker at a time, not all of them (the memory
    of fifteen workers at once is more than Gradescope's default 768 MB)."""
    pool = item.config.stash.get(POOL, None)
    if pool is None or not is_check(item):
        return
    task = check_of(item).task
    if nextitem is None or not is_check(nextitem) or check_of(nextitem).task != task:
        pool.release(task)


#: Where hypothesis (``hypothesis.core``) leaves a failed test's examples for its pytest plugin.
HYPOTHESIS_FAILING_EXAMPLES = "_hypothesis_failing_examples"
CHECK = pytest.StashKey[Check]()
IS_CHECK = pytest.StashKey[bool]()
EXAMPLE = pytest.StashKey[object]()
EXAMPLES = pytest.StashKey[replay.Examples]()
#: The names of a report's ``user_properties`` that carry the check and its verdict (as JSON data,
#: so that they survive pytest-xdist), for whoever reads the reports (``runner.Collector``).
CHECK_PROPERTY, VERDICT_PROPERTY = "dlgrade_check", "dlgrade_verdict"
#: A ``user_properties`` entry ``(MEASURE_PROPERTY, {name: value})``: a figure a check measured (fixture ``measure``).
MEASURE_PROPERTY = "dlgrade_measure"


def is_check(item) -> bool:
    """Whether ``item`` is a check of a grader suite (and not another test of the same pytest run)."""
    found = item.stash.get(IS_CHECK, None)
    if found is None:
        found = item.stash[IS_CHECK] = is_suite(item.path)
    return found


def check_of(item) -> Check:
    """Which check ``item`` is: its task and tier from the suite's path (``graders/<tier>/test_<task>.py``),
    its name from the test's (without ``test_``), its description from the docstring's first line."""
    check = item.stash.get(CHECK, None)
    if check is None:
        path = Path(item.path)
        doc = (getattr(getattr(item, "function", None), "__doc__", None) or "").strip().splitlines()
        check = item.stash[CHECK] = Check(path.stem.removeprefix("test_"), item.name.removeprefix("test_"),
                                          path.parent.name, doc[0] if doc else "")
    return check


def pytest_collection_modifyitems(config, items):
    phases = settings.get_profile(_profile(config)).phases
    for item in filter(is_check, items):
        check = check_of(item)
        item.add_marker(getattr(pytest.mark, check.task))
        item.add_marker(getattr(pytest.mark, check.tier))
        _shrink_as_this_session_does(item.obj, phases)


def _shrink_as_this_session_does(test, phases) -> None:
    """A suite that an earlier session of this process imported (a class run's warm-up, the kit's tests) is not
    imported again, so its ``@settings`` keep the profile loaded then: each session gives its checks the phases
    of its own (whether a failing example is shrunk), so that a grade never depends on the one before it."""
    current = getattr(test, "_hypothesis_internal_use_settings", None)
    if current is not None and current.phases != phases:
        test._hypothesis_internal_use_settings = settings(current, phases=phases)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    """Keep the arguments of each example hypothesis runs, for the failing example's feedback."""
    if not is_check(item):
        yield
        return
    with recording_examples(getattr(item, "obj", None), hidden=set(item.fixturenames)) as record:
        item.stash[EXAMPLE] = record
        yield
    # What hypothesis's own plugin would turn into a patch file for the suite's source (trying to
    # import libcst again on every failing check: about 15 ms each without it, a file written with it).
    item.__dict__.pop(HYPOTHESIS_FAILING_EXAMPLES, None)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """A check that has recorded examples is called with them (graders/engine/replay.py)."""
    if not is_check(pyfuncitem):
        return None
    test = pyfuncitem.obj
    return pyfuncitem.config.stash[EXAMPLES].run(
        test, replay.fixture_arguments(test, pyfuncitem.funcargs), pyfuncitem.path, pyfuncitem.name,
        shown=pyfuncitem.stash.get(EXAMPLE, None))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """The verdict of a check's call, or of any phase that failed or skipped, made here once: it goes
    onto the report (``user_properties``, see VERDICT_PROPERTY), and a failure shows as the student's
    feedback, not as the grader's traceback."""
    outcome = yield
    report = outcome.get_result()
    if is_check(item) and (report.when == "call" or report.failed or report.skipped):
        verdict = check_verdict(item, call, report)
        report.user_properties += [(CHECK_PROPERTY, check_of(item).to_dict()), (VERDICT_PROPERTY, verdict.to_dict())]
        if report.failed and call.excinfo is not None:
            report.longrepr = "\n".join(verdict_lines(verdict))


def check_verdict(item, call, report) -> Verdict:
    """The verdict of one phase (setup, call, teardown) of a check."""
    marker = item.get_closest_marker("hint")
    hint = marker.args[0] if marker else ""
    exc = call.excinfo.value if call.excinfo is not None else None
    if report.skipped:
        return verdict_for(None, skipped_reason=str(getattr(exc, "msg", "") or "") or "skipped")
    record = item.stash.get(EXAMPLE, None) if report.when == "call" else None
    return verdict_for(exc, hint=hint, example=record.text() if record is not None and exc is not None else "")


class WorkerPool:
    """One worker per task for a grading session; a module that cannot load fails fast."""

    def __init__(self, submission_dir: Path, max_timeout: float | None = None,
                 new_worker: Callable[[str], Worker] | None = None):
        self.submission_dir = submission_dir
        self.max_timeout = max_timeout
        self.new_worker = new_worker or self.process_worker
        self.workers: dict[str, Worker] = {}
        self.start_errors: dict[str, StopCheck] = {}

    def module(self, task_id: str):
        """The task's module in its worker; ModuleUnavailable if it cannot be loaded."""
        if task_id in self.start_errors:
            raise ModuleUnavailable(self.start_errors[task_id])
        worker = self.workers.get(task_id)
        if worker is None:
            worker = self.workers[task_id] = self.new_worker(task_id)
        worker.reset_poison()
        try:
            return worker.ensure_started()
        except StopCheck as exc:
            if worker.generation <= 1:  # it never loaded: every check would fail the same way
                self.start_errors[task_id] = exc
            worker.reset_poison()
            raise ModuleUnavailable(exc) from None

    def process_worker(self, task_id: str) -> Worker:
        task = tasks.get(task_id)
        return Worker(self.submission_dir, task_id, memory_mb=task.memory_mb, tree_memory_mb=task.tree_memory_mb,
                      max_timeout=self.max_timeout, probe_cuda=tasks.TORCH in task.requires)

    def release(self, task_id: str) -> None:
        """Stop the task's worker (a later check of the task would start another)."""
        worker = self.workers.pop(task_id, None)
        if worker is not None:
            worker.stop()

    def close(self) -> None:
        for worker in self.workers.values():
            worker.stop()


POOL = pytest.StashKey[WorkerPool]()


@pytest.fixture
def student(request):
    """The student's module for this file's task, e.g. ``student.softmax(x)``."""
    task = tasks.get(check_of(request.node).task)
    module = request.config.stash[POOL].module(task.id)
    marker = request.node.get_closest_marker("call_timeout")
    return module.with_timeout(marker.args[0] if marker else task.call_timeout)


@pytest.fixture
def grading_settings(request) -> GradingSettings:
    """What this grading session is set to (the submission, the points file, ...)."""
    return request.config.stash[SETTINGS]


@pytest.fixture
def task_settings(request, grading_settings) -> dict:
    """The ``[tasks.<id>.settings]`` table of this check's task, from the points file graded with
    (graders/points.toml unless one was given); empty where it has none."""
    points = request.config.stash.get(POINTS, None)
    if points is None:
        points = request.config.stash[POINTS] = load_points(grading_settings.points_file)
    entry = points.get(check_of(request.node).task)
    return dict(entry.settings) if entry is not None else {}


@pytest.fixture
def artifacts(grading_settings) -> Path | None:
    """The folder for files a check writes for the student (PNG plots), or None when not asked for."""
    folder = grading_settings.artifacts
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def measure(request) -> Callable[[str, float], None]:
    """``measure(name, value)``: keep a figure the check measured on the student's code (an MNIST test
    accuracy) with its result, for leaderboards (Gradescope's). Record only what the check computed itself."""
    def keep(name: str, value: float) -> None:
        request.node.user_properties.append((MEASURE_PROPERTY, {name: float(value)}))
    return keep


@pytest.fixture
def reference(request):
    """The reference solution's module for this file's task (hidden checks only)."""
    return importlib.import_module(f"solutions.{check_of(request.node).task}")
