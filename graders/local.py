"""Run a grader check inside a notebook's kernel, on the functions the notebook defined.

``dlgrade grade`` gives a check a :class:`~graders.remote.RemoteModule`: the student's module
in a worker process. In an nbgrader notebook the student's functions live in the kernel's
namespace, and nbgrader runs the autograder test cells in that same kernel, so a test cell
runs one check of a grader suite with a :class:`LocalModule` over the notebook's globals::

    from graders.local import run_check
    run_check("public/test_softmax.py::test_rows_sum_to_one", globals(), points=0.625)

The check runs with the same hypothesis profile, markers (``hint``, ``call_timeout``,
``skip``/``skipif``) and fixtures as under pytest, and a failure reads exactly as in the
CLI's feedback. A cell that does not pass raises (nbgrader scores it 0) with that text as its
whole traceback, so no grader source reaches a student's feedback. A cell that passes prints
one line to stdout and nothing to stderr: nbgrader scores a test cell 0 as soon as anything
appears on its stderr, and a numpy or PyTorch warning is enough. A check that cannot run here
(pytest would skip it) gets the share ``dlgrade grade`` would give it, as partial credit.

Unlike a worker process the kernel gives no isolation and no memory limit: a notebook's code
can change anything in its kernel. Grade with ``dlgrade extract`` + ``dlgrade grade`` where
that matters.
"""
from __future__ import annotations

import contextlib
import copy
import functools
import importlib
import inspect
import io
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import types
import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from graders import tasks
from graders.config import TaskPoints, load_points
from graders.feedback import recording_examples, verdict_for
from graders.remote import (
    ALL_ARGUMENTS,
    PROBED_NAMES,
    CallTimeout,
    MissingName,
    NotAttempted,
    NumpyWarning,
    RemoteObject,
    StopCheck,
    StudentException,
    is_tensor,
    settle_arguments,
)
from graders.results import CheckResult, Status, Verdict

MESSAGE_LIMIT = 2000
_ABSENT = object()
_CALLBACK_TYPES = (types.FunctionType, types.MethodType, types.BuiltinFunctionType,
                   types.BuiltinMethodType, functools.partial)


# -- the wire, in process --------------------------------------------------------------------
# What crosses between grader and student is converted as graders.worker.wire would, so a
# check sees the same values in a notebook as under `dlgrade grade`: arrays come back as
# copies, tensors as numpy arrays, dicts with str keys and lists as plain containers, and any
# other object as a LocalObject; a grader function the student calls gets converted values.

def to_grader(value, owner: LocalObject):
    """A value the student's code produced, as the grader would receive it."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, np.generic):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if is_tensor(value):
        return value.detach().cpu().numpy().copy()
    if isinstance(value, np.random.Generator):
        return copy.deepcopy(value)
    if isinstance(value, (list, tuple)):
        items = [to_grader(v, owner) for v in value]
        return items if isinstance(value, list) else tuple(items)
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {k: to_grader(v, owner) for k, v in value.items()}
    return owner._child(value)


def to_student(value, owner: LocalObject):
    """A value the grader passes, as the student's code receives it: its own objects unwrapped,
    grader functions wrapped so that what the student hands them is converted. A container with
    nothing to convert is passed as it is, so that changes the student makes in place reach the
    grader (the worker copies them back)."""
    if isinstance(value, LocalObject):
        return value._target
    if isinstance(value, _CALLBACK_TYPES):
        return _callback(value, owner)
    if type(value) in (list, tuple, dict):
        items = list(value.items() if type(value) is dict else enumerate(value))
        converted = {key: to_student(item, owner) for key, item in items}
        if all(converted[key] is item for key, item in items):
            return value
        return converted if type(value) is dict else type(value)(converted.values())
    return value


def data_copy(value):
    """``value`` with its arrays, containers of data and Generators copied (what the wire would
    hand the student: a copy of the grader's data), other objects as they are."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, np.random.Generator):
        return copy.deepcopy(value)
    if is_tensor(value):
        return value.detach().clone()
    if type(value) in (list, tuple):
        return type(value)(data_copy(v) for v in value)
    if type(value) is dict:
        return {k: data_copy(v) for k, v in value.items()}
    return value


def _callback(fn, owner: LocalObject):
    @functools.wraps(fn)
    def call_grader(*args, **kwargs):
        result = fn(*(to_grader(a, owner) for a in args), **{k: to_grader(v, owner) for k, v in kwargs.items()})
        return to_student(result, owner)
    return call_grader


# -- the student's side: a module over the notebook's globals -----------------------------------
class LocalWorker:
    """Stands in for the worker process of RemoteModule (``remote.worker_of(student)``).

    Suites that keep state per worker (graders.mlp_grading runs MNIST once per worker) get
    one LocalWorker per version of the notebook's code: re-running a cell that redefines a
    function gives a new one.
    """

    poison = None
    proc = True
    generation = 1

    def __init__(self, task_id: str):
        self.module = task_id

    @property
    def cuda(self) -> bool:
        """Whether torch reaches a CUDA GPU (as remote.Worker's probe), asked of a fresh process:
        the notebook's code runs in this one and may have replaced ``torch.cuda.is_available``."""
        return _cuda_in_a_fresh_process()


@functools.lru_cache(maxsize=None)
def _cuda_in_a_fresh_process() -> bool:
    try:
        done = subprocess.run([sys.executable, "-c", "import torch; print(torch.cuda.is_available())"],
                              capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0 and done.stdout.strip() == "True"


_WORKERS: dict[int, tuple[tuple, LocalWorker]] = {}


def _worker_for(namespace: dict, task_id: str) -> LocalWorker:
    code = tuple(value for name, value in sorted(namespace.items(), key=lambda item: item[0])
                 if not name.startswith("_") and isinstance(value, (types.FunctionType, type)))
    known = _WORKERS.get(id(namespace))
    if known is None or len(known[0]) != len(code) or any(a is not b for a, b in zip(known[0], code)):
        known = _WORKERS[id(namespace)] = (code, LocalWorker(task_id))
    return known[1]


@dataclass(frozen=True)
class Options:
    """How calls into the notebook's code are made (as remote.CallOptions for a worker)."""

    timeout: float = 10.0
    patch: dict = field(default_factory=dict)  # module-level names rebound during each call
    numpy_errors: bool = False                 # a numpy overflow/invalid/divide warning fails the call
    in_place: frozenset = frozenset()          # arguments the notebook's code may change in place


class LocalObject(RemoteObject):
    """A student object in this kernel; using it behaves like using a RemoteObject.

    It is one, for the suites: a check may ask ``isinstance(x, RemoteObject)`` to tell a student
    object from plain data. Every method is its own: nothing goes through a worker. Values cross
    as over the wire (see to_grader/to_student); NotImplementedError reads as "not attempted",
    other exceptions as the student's error with the line of their code, a call that runs too
    long as a timeout.
    """

    def __init__(self, target, namespace: dict, worker: LocalWorker, label: str, options: Options = Options()):
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "_namespace", namespace)
        object.__setattr__(self, "_worker", worker)
        object.__setattr__(self, "_label", label)
        object.__setattr__(self, "_options", options)
        object.__setattr__(self, "_type_name", type(target).__name__)
        object.__setattr__(self, "_name", getattr(target, "__name__", type(target).__name__))

    def _lookup(self, name: str):
        return getattr(self._target, name)

    def _child(self, value) -> LocalObject:
        return LocalObject(value, self._namespace, self._worker, f"your {type(value).__name__}", self._options)

    def __getattr__(self, name: str):
        if name.startswith(("_", "hypothesis_")) or name in PROBED_NAMES:
            raise AttributeError(name)
        try:
            value = self._guarded(self._lookup, name, patched=False)  # the student's own, as a worker answers
        except StudentException as exc:
            if exc.type_name != "AttributeError":
                raise
            value = _ABSENT
        if value is _ABSENT:
            raise MissingName(f"`{name}` is missing from {self._label}: define it with the name "
                              "and signature the exercise gives, and run its cell")
        value = to_grader(value, self)
        if isinstance(value, LocalObject):
            object.__setattr__(value, "_name", name)
        return value

    def __setattr__(self, name: str, value) -> None:
        self._guarded(setattr, self._target, name, to_student(value, self))

    def __call__(self, *args, **kwargs):
        before = {**dict(enumerate(args)), **kwargs}
        given = {key: data_copy(value) for key, value in before.items()}
        result = self._guarded(self._target, *to_student([given[i] for i in range(len(args))], self),
                               **to_student({k: given[k] for k in kwargs}, self))
        settle_arguments(before, given, self._options.in_place, f"{self._name}()")
        return to_grader(result, self)

    def _guarded(self, fn, *args, patched: bool = True, **kwargs):
        """Call ``fn`` with the reference patched in (unless ``patched`` is False), the time limit and
        numpy's error mode, as the worker would."""
        patch = {name: to_student(value, self) for name, value in self._options.patch.items()} if patched else {}
        saved = {name: self._namespace.get(name, _ABSENT) for name in patch}
        self._namespace.update(patch)
        numpy_errors = {"over": "raise", "invalid": "raise", "divide": "raise"} if self._options.numpy_errors else {}
        try:
            with time_limit(self._options.timeout), np.errstate(**numpy_errors):
                return fn(*args, **kwargs)
        except StopCheck:
            raise
        except NotImplementedError as exc:
            raise NotAttempted("not attempted yet (still raises NotImplementedError)",
                               self._where(exc)) from None
        except FloatingPointError as exc:
            if not numpy_errors:
                raise StudentException(type(exc).__name__, _message(exc), self._where(exc)) from None
            raise NumpyWarning(f"made numpy warn: {_message(exc)}", self._where(exc)) from None
        except SystemExit as exc:
            raise StudentException("SystemExit", f"called sys.exit({exc.code!r})") from None
        except Exception as exc:
            raise StudentException(type(exc).__name__, _message(exc), self._where(exc)) from None
        finally:
            for name, value in saved.items():
                if value is _ABSENT:
                    self._namespace.pop(name, None)
                else:
                    self._namespace[name] = value

    def _where(self, exc: BaseException) -> str:
        """The last line of the notebook's own code in the traceback."""
        where, tb = "", exc.__traceback__
        while tb is not None:
            if tb.tb_frame.f_globals is self._namespace:
                where = f"in {tb.tb_frame.f_code.co_name}, line {tb.tb_lineno} of its cell"
            tb = tb.tb_next
        return where

    def __repr__(self) -> str:
        return f"<student {self._type_name}>"


class LocalModule(LocalObject):
    """The notebook's functions for one task, e.g. ``student.softmax(x)``: a ``student`` fixture."""

    def __init__(self, namespace: dict, task_id: str, options: Options = Options()):
        super().__init__(namespace, namespace, _worker_for(namespace, task_id), "your notebook", options)
        object.__setattr__(self, "_type_name", "module")

    def _lookup(self, name: str):
        return self._namespace.get(name, _ABSENT)

    def _with(self, **changes) -> LocalModule:
        return LocalModule(self._namespace, self._worker.module, replace(self._options, **changes))

    def with_timeout(self, seconds: float) -> LocalModule:
        """The same module, with a different per-call time limit."""
        return self._with(timeout=seconds)

    def with_reference(self, reference_module, *names: str) -> LocalModule:
        """The same module, with ``names`` rebound to the reference's during each call."""
        patch = dict(self._options.patch)
        patch.update({name: getattr(reference_module, name) for name in names})
        return self._with(patch=patch)

    def with_numpy_errors(self) -> LocalModule:
        """The same module, but a numpy overflow/invalid/divide warning in a call fails it."""
        return self._with(numpy_errors=True)

    def with_in_place(self, *arguments) -> LocalModule:
        """The same module, but calls may change ``arguments`` in place (see RemoteModule.with_in_place)."""
        return self._with(in_place=frozenset(arguments or (ALL_ARGUMENTS,)))

    def numpy(self) -> LocalObject:
        """The numpy module the notebook's code runs with (this kernel's)."""
        return self._child(np)

    def __repr__(self) -> str:
        return f"<your notebook for {self._worker.module}>"


def _message(exc: BaseException) -> str:
    try:
        return str(exc)[:MESSAGE_LIMIT]
    except Exception:
        return "(the exception could not be printed)"


@contextlib.contextmanager
def time_limit(seconds: float | None):
    """Raise CallTimeout in the student's code after ``seconds`` (main thread, POSIX only).

    An inner limit inside a running one is left to the outer one.
    """
    usable = (seconds and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread()
              and signal.getitimer(signal.ITIMER_REAL)[0] == 0)
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise CallTimeout(f"did not finish within {seconds:g} s (an endless loop, or far too slow)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# -- the grader's side: one check, run the way pytest would -----------------------------------
@dataclass(frozen=True)
class CheckId:
    """``public/test_softmax.py::test_rows_sum_to_one[case]``, as pytest names it."""

    tier: str
    task: str
    function: str
    case: str = ""

    @classmethod
    def parse(cls, node_id: str) -> CheckId:
        path, _, name = node_id.partition("::")
        tier, _, filename = path.partition("/")
        function, _, case = name.partition("[")
        return cls(tier, filename.removeprefix("test_").removesuffix(".py"), function, case.removesuffix("]"))

    @property
    def name(self) -> str:
        """The check's id, as in points.toml and the CLI's feedback."""
        check = self.function.removeprefix("test_")
        return f"{check}[{self.case}]" if self.case else check

    @property
    def module(self) -> str:
        return f"graders.{self.tier}.test_{self.task}"


class CheckNotPassed(AssertionError):
    """A test cell's verdict; its traceback in the notebook is the feedback text alone."""

    def __init__(self, text: str, status: str):
        super().__init__(text)
        self.text, self.status = text, status

    def _render_traceback_(self) -> list[str]:  # IPython shows these lines instead of a traceback
        return self.text.splitlines()


# (notebook namespace, task, check) -> (the check's points, whether it passed), for the checks run.
_RESULTS: dict[tuple[int, str, str], tuple[float, bool]] = {}


def run_check(node_id: str, namespace: dict, points: float | None = None,
              params: dict | None = None) -> float | None:
    """Run one grader check on the functions in ``namespace`` (a notebook's ``globals()``).

    ``points`` is what the check's cell is worth; ``params`` are the values of a parametrized
    check's arguments (without them a case's values are found by collecting its suite).

    - passed: prints one line and returns None (nbgrader gives a cell without a value full
      points);
    - failed: raises :class:`CheckNotPassed` (nbgrader gives the cell 0);
    - not run here (pytest would skip it: no GPU, no dataset): returns the cell's share as
      ``dlgrade grade`` would count it, ``points`` times the fraction of points the task's
      checks that ran so far earned (nbgrader reads a number as partial credit). As the CLI
      leaves such a check out of the task's score, the notebook then totals the same.
    """
    check = CheckId.parse(node_id)
    with quiet():
        verdict, description, images = _run(check, namespace, params)
    _show(images)
    if verdict.passed:
        _RESULTS[id(namespace), check.task, check.name] = (points or 0.0, True)
        print(f"passed: {check.task} / {check.name}")
        return None
    from graders.report import check_feedback

    text = check_feedback(CheckResult(check.task, check.name, check.tier, description, 1.0, verdict))
    if not verdict.counted and points is not None:
        share = not_run_share(namespace, check.task, points)
        print(f"{text}\n    its points follow the task's checks that ran: {share:.4g} of {points:.4g}")
        return share
    _RESULTS[id(namespace), check.task, check.name] = (points or 0.0, False)
    raise CheckNotPassed(text, verdict.status)


def not_run_share(namespace: dict, task_id: str, points: float) -> float:
    """``points`` times the fraction of points earned by the task's checks that ran on this notebook."""
    ran = [(worth, passed) for (where, task, _), (worth, passed) in _RESULTS.items()
           if where == id(namespace) and task == task_id]
    total = sum(worth for worth, _ in ran)
    return points * sum(worth for worth, passed in ran if passed) / total if total else 0.0


def _run(check: CheckId, namespace: dict, params: dict | None) -> tuple[Verdict, str, list[bytes]]:
    hint, description, images, record = "", "", [], None
    try:
        _load_profile()
        _seed_global_randomness()
        needed = tasks.get(check.task).unmet()
        if needed is not None:
            return Verdict(Status.NOT_GRADED, f"{needed.name} is not installed in this notebook's Python",
                           needed.fix), description, images
        if params is None:
            params = case_params(check) if check.case else {}
        module = importlib.import_module(check.module)
        function = getattr(module, check.function)
        description = (inspect.getdoc(function) or "").strip().partition("\n")[0]
        marks = _marks(module, function)
        hint = next((m.args[0] for m in marks if m.name == "hint" and m.args), "")
        skipped = _skip_reason(marks, module)
        if skipped:
            return verdict_for(None, skipped_reason=skipped), description, images
        with _artifacts_folder(function) as artifacts:
            fixtures = _fixtures(function, check, namespace, marks, artifacts)
            with recording_examples(function, hidden=set(fixtures)) as record:
                function(**fixtures, **params)
            images = _images(artifacts)
    except (Exception, StopCheck) as exc:
        return verdict_for(exc, hint=hint, example=record.text() if record is not None else ""), description, images
    except BaseException as exc:  # pytest.skip() raises an OutcomeException, not an Exception
        import pytest

        if not isinstance(exc, pytest.skip.Exception):
            raise  # KeyboardInterrupt: nbgrader interrupting a cell that ran past its timeout
        return verdict_for(None, skipped_reason=str(exc.msg) or "skipped"), description, images
    return verdict_for(None), description, images


_SUITE_PARAMS: dict[str, dict[str, dict]] = {}


def case_params(check: CheckId) -> dict:
    """The arguments pytest gives a parametrized case (its suite is collected once per process)."""
    suite = f"{check.tier}/test_{check.task}.py"
    if suite not in _SUITE_PARAMS:
        from graders.runner import GRADERS

        items, errors, _ = collect_items([GRADERS / suite], lambda item: (
            item.name, dict(item.callspec.params) if hasattr(item, "callspec") else {}))
        if errors:
            raise RuntimeError("; ".join(errors))
        _SUITE_PARAMS[suite] = dict(items)
    return _SUITE_PARAMS[suite][f"{check.function}[{check.case}]"]


def collect_items(files, convert) -> tuple[list, list[str], list[str]]:
    """``convert(item)`` for every check pytest collects from ``files`` (as ``dlgrade grade`` would),
    the collection errors, and the node ids of the suites skipped whole (``pytest.importorskip``)."""
    import pytest

    from graders.runner import KIT_ROOT

    class Collector:
        def __init__(self):
            self.results, self.errors, self.skipped = [], [], []

        def pytest_collection_finish(self, session):
            self.results.extend(convert(item) for item in session.items)

        def pytest_collectreport(self, report):
            if report.failed:
                lines = report.longreprtext.strip().splitlines()   # shown to the author, not read
                self.errors.append(f"{report.nodeid}: {lines[-1] if lines else 'could not be collected'}")
            elif report.skipped:
                self.skipped.append(report.nodeid)

    collector = Collector()
    args = [*map(str, files), "--collect-only", "-q", "-s", "-p", "no:cacheprovider", "-p", "no:faulthandler",
            "-p", "no:benchmark", "-o", "addopts=", "-o", "python_files=test_*.py", f"--rootdir={KIT_ROOT}"]
    with contextlib.redirect_stdout(io.StringIO()):
        pytest.main(args, plugins=[collector])
    return collector.results, collector.errors, collector.skipped


def _seed_global_randomness() -> None:
    """Fixed seeds before every check, as a worker has from its start: code that (wrongly) draws
    from global state grades the same whatever else the notebook ran."""
    import random

    random.seed(0)
    np.random.seed(0)


def _load_profile() -> None:
    """The kit's deterministic hypothesis profile, with hypothesis's caches outside the notebook's folder.

    By default hypothesis keeps a ``.hypothesis/`` folder in the working folder, which for a
    notebook is the assignment folder: it would be handed in, and from source/ handed out.
    """
    from hypothesis import settings
    from hypothesis.configuration import set_hypothesis_home_dir

    import graders.plugin  # noqa: F401  (registers the "dlgrade" profile)

    settings.load_profile("dlgrade")
    if not os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY"):
        set_hypothesis_home_dir(_private_cache())


@functools.cache
def _private_cache() -> Path:
    """A cache folder of this user's in the temporary folder (a fresh one if another user owns it)."""
    owner = os.getuid() if hasattr(os, "getuid") else None
    folder = Path(tempfile.gettempdir()) / f"dlgrade-hypothesis-{owner if owner is not None else 'user'}"
    folder.mkdir(mode=0o700, exist_ok=True)
    if owner is not None and folder.stat().st_uid != owner:
        folder = Path(tempfile.mkdtemp(prefix="dlgrade-hypothesis-"))
    return folder


def _marks(module, function) -> list:
    """The check's pytest marks, the suite module's ``pytestmark`` included."""
    module_marks = getattr(module, "pytestmark", [])
    if not isinstance(module_marks, list):
        module_marks = [module_marks]
    return [*getattr(function, "pytestmark", []), *(getattr(m, "mark", m) for m in module_marks)]


def _skip_reason(marks, module) -> str:
    """Why pytest would skip this check here (``skip`` / ``skipif`` marks), or ''."""
    for mark in marks:
        if mark.name == "skip":
            return mark.kwargs.get("reason", mark.args[0] if mark.args else "skipped")
        if mark.name == "skipif":
            for condition in mark.args or [mark.kwargs.get("condition", True)]:
                if isinstance(condition, str):
                    condition = eval(condition, {"os": os, "sys": __import__("sys"), **vars(module)})
                if condition:
                    return mark.kwargs.get("reason", "skipped")
    return ""


def _fixtures(function, check: CheckId, namespace: dict, marks, artifacts) -> dict:
    task = tasks.get(check.task)
    timeout = next((m.args[0] for m in marks if m.name == "call_timeout" and m.args), task.call_timeout)
    available = {
        "student": lambda: LocalModule(namespace, check.task).with_timeout(timeout),
        "reference": lambda: importlib.import_module(f"solutions.{check.task}"),
        "artifacts": lambda: artifacts,
        # A notebook is graded with graders/points.toml's settings.
        "task_settings": lambda: dict(load_points().get(check.task, TaskPoints(0.0)).settings),
        "mlp_settings": lambda: importlib.import_module("graders.mlp_grading").settings(),
    }
    wanted = [name for name in inspect.signature(function).parameters if name in available]
    return {name: available[name]() for name in wanted}


@contextlib.contextmanager
def _artifacts_folder(function):
    """A scratch folder for checks that draw plots (shown in the cell afterwards), else None."""
    if "artifacts" not in inspect.signature(function).parameters:
        yield None
        return
    folder = Path(tempfile.mkdtemp(prefix="dlgrade-artifacts-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _images(folder: Path | None) -> list[bytes]:
    return [path.read_bytes() for path in sorted(folder.glob("*.png"))] if folder is not None else []


def _show(images: list[bytes]) -> None:
    if not images:
        return
    try:
        from IPython.display import Image, display
    except ImportError:
        return
    for data in images:
        display(Image(data=data))


@contextlib.contextmanager
def quiet():
    """Nothing a check, hypothesis or the student's code writes reaches the cell's output.

    Python warnings are ignored, ``sys.stdout``/``sys.stderr`` are swapped for buffers, and
    file descriptors 1 and 2 (where C extensions and the kernel's fd capture write) point
    to the null device while the check runs.
    """
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()), \
            contextlib.redirect_stderr(io.StringIO()), _descriptors_to_devnull((1, 2)):
        warnings.simplefilter("ignore")
        yield


@contextlib.contextmanager
def _descriptors_to_devnull(fds):
    saved = {}
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        for fd in fds:
            try:
                saved[fd] = os.dup(fd)
                os.dup2(null, fd)
            except OSError:
                pass
        yield
    finally:
        for fd, copy in saved.items():
            os.dup2(copy, fd)
            os.close(copy)
        os.close(null)
