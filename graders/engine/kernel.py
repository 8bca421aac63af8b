"""Run a grader check inside a notebook's kernel, on the functions the notebook defined.

nbgrader runs a notebook's test cells in the kernel where its functions live; a test cell runs one
check: ``run_check("public/test_softmax.py::test_rows_sum_to_one", globals(), points=0.625)``.
The check runs through pytest with the grading plugin, as under ``dlgrade grade``; only the transport
differs: the worker's own request loop (:mod:`graders.worker.server`) serves the notebook's globals
from a thread of the kernel, over a socket in the wire format. A cell that fails raises with the
CLI's feedback text as its whole traceback (no grader source reaches a student); a cell that passes
prints one line and nothing to stderr (nbgrader scores a cell with any stderr 0). The kernel gives no
isolation and no memory limit, and a call past its time limit is interrupted only where Python can:
grade with ``dlgrade extract`` + ``dlgrade grade`` where that matters.
"""
from __future__ import annotations

import contextlib
import ctypes
import functools
import io
import os
import socket
import subprocess
import sys
import tempfile
import threading
import types
import warnings
from multiprocessing.connection import Connection
from pathlib import Path

from hypothesis.configuration import set_hypothesis_home_dir

from graders import tasks
from graders.engine import runner
from graders.engine.plugin import GradingSettings
from graders.engine.remote import Worker
from graders.kit import GRADERS
from graders.report import check_feedback
from graders.results import Check, CheckResult, Status, Verdict
from graders.worker import server


class NotebookModule:
    """A notebook's globals as a module: its attributes, and the names a call's ``patch`` rebinds, are those."""

    def __init__(self, namespace: dict):
        self.__dict__ = namespace


class NotebookServer(server.Worker):
    """The worker's request loop, serving a notebook's globals as the student's module."""

    def __init__(self, conn: Connection, namespace: dict, task_id: str):
        super().__init__(conn, os.getcwd(), task_id, server.BoundedOutput(), server.BoundedOutput())
        self.namespace = namespace

    def load_module(self):
        server.seed_global_randomness()   # as a worker process has from its start
        return NotebookModule(self.namespace)

    def probe(self) -> dict:
        return {"cuda": _cuda_in_a_fresh_process()}   # the notebook may have replaced torch.cuda.is_available

    def where(self, exc: BaseException) -> str:
        where, tb = "", exc.__traceback__
        while tb is not None:
            if tb.tb_frame.f_globals is self.namespace:
                where = f"in {tb.tb_frame.f_code.co_name}, line {tb.tb_lineno} of its cell"
            tb = tb.tb_next
        return where

    def leftover_processes(self):
        return None   # the kernel's children are not the check's to reap


class Interrupted(BaseException):
    """Raised in the thread running the notebook's code when its call ran past its time limit."""


class KernelWorker(Worker):
    """A worker whose student module is a notebook's namespace, served from a thread of this kernel."""

    label = "your notebook"
    how_to_add = "define it with the name and signature the exercise gives, and run its cell"

    def __init__(self, namespace: dict, task_id: str):
        super().__init__(Path.cwd(), task_id, memory_mb=None, probe_cuda=tasks.TORCH in tasks.get(task_id).requires)
        self.namespace = namespace
        self.thread: threading.Thread | None = None

    def launch(self) -> socket.socket:
        ours, theirs = socket.socketpair()
        loop = NotebookServer(Connection(theirs.detach()), self.namespace, self.module)
        self.thread = threading.Thread(target=_serve, args=(loop,), name="dlgrade-notebook-code", daemon=True)
        self.thread.start()
        return ours

    def running(self) -> bool:
        return self.thread is not None

    def exited(self) -> bool:
        return self.thread is None or not self.thread.is_alive()

    def stop(self) -> None:
        if self.conn is not None:
            self.conn.close()   # an idle loop ends on it
        if self.thread is not None:
            _end(self.thread)
        self.thread = self.conn = self.root = None

    def death_reason(self) -> str:
        return "the notebook's code stopped answering the grader"


def _end(thread: threading.Thread, idle_s: float = 0.5, deadline_s: float = 5.0) -> bool:
    """End the thread serving a notebook's code; True if it ended.

    A loop that was waiting for a request ends by itself once its socket is closed; only one still
    running the notebook's code after ``idle_s`` is interrupted (an exception sent to a loop that is
    already ending would surface in whatever finalizer it is running). The interrupt is sent again
    until the thread ends or ``deadline_s`` passes: code that catches it (a bare ``except:`` in a
    loop) gets it again.
    """
    thread.join(idle_s)
    interval = 0.05
    for _ in range(int(deadline_s / interval)):
        if not thread.is_alive():
            return True
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident), ctypes.py_object(Interrupted))
        thread.join(interval)
    return not thread.is_alive()


def _serve(loop: NotebookServer) -> None:
    with contextlib.suppress(BaseException):   # closed or interrupted: nothing may reach the kernel's stderr
        loop.serve()


@functools.lru_cache(maxsize=None)
def _cuda_in_a_fresh_process() -> bool:
    try:
        done = subprocess.run([sys.executable, "-c", "import torch; print(torch.cuda.is_available())"],
                              capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0 and done.stdout.strip() == "True"


_WORKERS: dict[tuple[int, str], tuple[tuple, KernelWorker]] = {}


def worker_for(namespace: dict, task_id: str) -> KernelWorker:
    """The task's worker over ``namespace``: the same one while the notebook's functions and classes
    are the same objects (state a suite keeps per worker, MNIST's run, is reused), a new one after
    a cell redefines any of them."""
    code = tuple(value for name, value in sorted(namespace.items(), key=lambda item: item[0])
                 if not name.startswith("_") and isinstance(value, (types.FunctionType, type)))
    known = _WORKERS.get((id(namespace), task_id))
    if known is None or len(known[0]) != len(code) or any(a is not b for a, b in zip(known[0], code)):
        known = _WORKERS[id(namespace), task_id] = (code, KernelWorker(namespace, task_id))
    return known[1]


class CheckNotPassed(AssertionError):
    """A test cell's verdict; its traceback in the notebook is the feedback text alone."""

    def __init__(self, text: str, status: Status):
        super().__init__(text)
        self.text, self.status = text, status

    def _render_traceback_(self) -> list[str]:  # IPython shows these lines instead of a traceback
        return self.text.splitlines()


# (notebook namespace, task, check) -> (the check's points, whether it passed), for the checks run.
_RESULTS: dict[tuple[int, str, str], tuple[float, bool]] = {}


def run_check(node_id: str, namespace: dict, points: float | None = None) -> float | None:
    """Run one grader check (``<tier>/test_<task>.py::test_<check>[case]``) on the functions in
    ``namespace`` (a notebook's ``globals()``); ``points`` is what the check's cell is worth.

    - passed: prints one line and returns None (nbgrader gives a cell without a value full points);
    - failed: raises :class:`CheckNotPassed` (nbgrader gives the cell 0);
    - not run here (no GPU, no dataset): returns the cell's share as ``dlgrade grade`` would count
      it, ``points`` times the fraction of points the task's checks that ran so far earned
      (nbgrader reads a number as partial credit), so the notebook totals as the CLI does.
    """
    with quiet():
        result, images = _run(node_id, namespace)
    _show(images)
    key = (id(namespace), result.task, result.check)
    if result.verdict.passed:
        _RESULTS[key] = (points or 0.0, True)
        print(f"passed: {result.task} / {result.check}")
        return None
    text = check_feedback(result)
    if not result.verdict.counted and points is not None:
        share = not_run_share(namespace, result.task, points)
        print(f"{text}\n    its points follow the task's checks that ran: {share:.4g} of {points:.4g}")
        return share
    _RESULTS[key] = (points or 0.0, False)
    raise CheckNotPassed(text, result.verdict.status)


def not_run_share(namespace: dict, task_id: str, points: float) -> float:
    """``points`` times the fraction of points earned by the task's checks that ran on this notebook."""
    ran = [(worth, passed) for (where, task, _), (worth, passed) in _RESULTS.items()
           if where == id(namespace) and task == task_id]
    total = sum(worth for worth, _ in ran)
    return points * sum(worth for worth, passed in ran if passed) / total if total else 0.0


def _run(node_id: str, namespace: dict) -> tuple[CheckResult, list[bytes]]:
    suite, _, test = node_id.partition("::")
    task = Path(suite).stem.removeprefix("test_")
    wanted = Check(task, test.removeprefix("test_"), Path(suite).parent.name)
    needed = tasks.get(task).unmet()
    if needed is not None:
        return CheckResult.of(wanted, 1.0, Verdict(Status.NOT_GRADED, f"{needed.name} is not installed in this "
                                                   "notebook's Python", needed.fix)), []
    _hypothesis_home_outside_the_notebooks_folder()
    with tempfile.TemporaryDirectory(prefix="dlgrade-artifacts-") as folder:
        session = GradingSettings(Path(os.getcwd()), artifacts=Path(folder),
                                  new_worker=functools.partial(worker_for, namespace))
        collector = runner.run_suites([GRADERS / suite], session, checks=[wanted.name])
        images = [path.read_bytes() for path in sorted(Path(folder).glob("*.png"))]
    if not collector.results:
        why = collector.errors.get(task, f"no check {node_id} in the kit's suites")
        return CheckResult.of(wanted, 1.0, Verdict(Status.GRADER_ERROR, why, "run `dlgrade doctor` and tell the "
                                                   "course's maintainers")), images
    check, verdict = next(iter(collector.results.values()))
    return CheckResult.of(check, 1.0, verdict), images


@functools.cache   # once per kernel: a fresh folder of this user's, removed when the kernel exits
def _hypothesis_home_outside_the_notebooks_folder() -> tempfile.TemporaryDirectory | None:
    """By default hypothesis keeps a ``.hypothesis/`` folder in the working folder, which for a
    notebook is the assignment folder: it would be handed in, and from source/ handed out."""
    if os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY"):
        return None
    home = tempfile.TemporaryDirectory(prefix="dlgrade-hypothesis-", ignore_cleanup_errors=True)
    set_hypothesis_home_dir(home.name)
    return home


def _show(images: list[bytes]) -> None:
    try:
        from IPython.display import Image, display  # may be missing: outside a notebook's kernel
    except ImportError:   # not in a notebook's kernel
        return
    for data in images:
        display(Image(data=data))


@contextlib.contextmanager
def quiet():
    """Nothing a check, hypothesis or the student's code writes reaches the cell's output: Python
    warnings are ignored, ``sys.stdout``/``sys.stderr`` swapped for buffers, and file descriptors 1
    and 2 (where C extensions and the kernel's fd capture write) point to the null device."""
    saved, null = [os.dup(fd) for fd in (1, 2)], os.open(os.devnull, os.O_WRONLY)
    try:
        for fd in (1, 2):
            os.dup2(null, fd)
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()), \
                contextlib.redirect_stderr(io.StringIO()):
            warnings.simplefilter("ignore")
            yield
    finally:
        for fd, copy in zip((1, 2), saved):
            os.dup2(copy, fd)
            os.close(copy)
        os.close(null)
