"""Workers forked from a warm process (graders/engine/zygote.py): the same worker as one started cold,
in each sandbox mode, and never one that sees another submission or escapes its process-tree group."""
from __future__ import annotations

import os
import shutil
import signal
import tempfile
import time
from pathlib import Path

import pytest

from graders.engine import process_tree, sandbox, zygote
from graders.engine.problems import WorkerDied
from graders.engine.remote import Worker
from graders.engine.runner import grade
from graders.kit import SOLUTIONS

LOOK_AROUND = '''
import os


def submission_files():
    return sorted(os.listdir(os.path.dirname(os.path.abspath(__file__))))


def where():
    return {"cwd": os.getcwd(), "home": os.environ["HOME"], "tmp": os.environ["TMPDIR"], "pid": os.getpid()}


def leave(code):
    os._exit(code)


def tmp_files():
    return sorted(os.listdir(os.path.dirname(os.getcwd())))


def write_beside(name):
    with open(os.path.join(os.path.dirname(os.getcwd()), name), "w") as f:
        f.write(name)
'''


def _mode_param(mode: str):
    works, why = sandbox.probe()
    return pytest.param(mode, marks=pytest.mark.skipif(mode == "bwrap" and not works, reason=f"no bubblewrap: {why}"))


MODES = [_mode_param(m) for m in ("bwrap", "none")]


def _forked(submission, module: str = "look") -> Worker:
    """A started worker of ``module``, forked: a process's first worker starts cold, so one goes first."""
    first = Worker(submission, module)
    first.ensure_started()
    first.stop()
    worker = Worker(submission, module)
    worker.ensure_started()
    assert isinstance(worker.proc, zygote.ForkedProcess)
    return worker


def _submission(folder, *extra: str):
    folder.mkdir(parents=True)
    (folder / "look.py").write_text(LOOK_AROUND)
    for name in extra:
        (folder / name).write_text(name)
    return folder


@pytest.mark.parametrize("mode", MODES)
def test_a_worker_is_forked_in_a_folder_and_group_of_its_own(mode, tmp_path, monkeypatch):
    monkeypatch.setenv(sandbox.ENV, mode)
    monkeypatch.setenv(zygote.ENV, "1")
    submission = _submission(tmp_path / "sub")
    first, second = _forked(submission), _forked(submission)
    try:
        seen = [worker.ensure_started().where() for worker in (first, second)]
        pids = [worker.proc.pid for worker in (first, second)]
        assert seen[0]["cwd"] != seen[1]["cwd"]
        assert all(s["cwd"] == s["home"] == s["tmp"] for s in seen)
        for worker in (first, second):
            if worker.group is not None:   # the grader moved it into its group before it ran anything
                assert str(worker.proc.pid) in (worker.group.tasks / "cgroup.procs").read_text().split()
    finally:
        first.stop()
        second.stop()
    assert not [pid for pid in pids if os.path.exists(f"/proc/{pid}")], "a stopped worker is still there"


@pytest.mark.parametrize("mode", MODES)
def test_a_forked_workers_exit_status_reaches_the_grader(mode, tmp_path, monkeypatch):
    monkeypatch.setenv(sandbox.ENV, mode)
    worker = _forked(_submission(tmp_path / "sub"))
    try:
        module = worker.ensure_started()
        with pytest.raises(WorkerDied, match="exited with status 7"):
            module.leave(7)
    finally:
        worker.stop()


@pytest.mark.parametrize("mode", MODES)
def test_a_worker_sees_its_own_submission_only(mode, tmp_path, monkeypatch):
    """Under bubblewrap one zygote serves submission after submission through its staging folder:
    each worker sees the files of its own, and while one submission's worker runs another's starts cold."""
    monkeypatch.setenv(sandbox.ENV, mode)
    ann = _submission(tmp_path / "ann", "ann.txt")
    ben = _submission(tmp_path / "ben", "ben.txt")
    first = _forked(ann)
    try:
        module = first.ensure_started()
        assert module.submission_files() == ["ann.txt", "look.py"]
        if mode == "bwrap":   # the sandbox's /tmp, shared by the zygote's workers
            module.write_beside("left-by-ann")
        second = Worker(ben, "look")
        try:
            assert second.ensure_started().submission_files() == ["ben.txt", "look.py"]
            assert (mode == "bwrap") is not isinstance(second.proc, zygote.ForkedProcess)
        finally:
            second.stop()
    finally:
        first.stop()
    third = Worker(ben, "look")
    try:
        module = third.ensure_started()
        assert isinstance(third.proc, zygote.ForkedProcess)
        assert module.submission_files() == ["ben.txt", "look.py"]
        assert "left-by-ann" not in module.tmp_files()
    finally:
        third.stop()


def test_forked_and_cold_workers_grade_the_same(monkeypatch):
    reports = {}
    for setting in ("0", "1"):
        monkeypatch.setenv(zygote.ENV, setting)
        report = grade(SOLUTIONS, ["softmax", "gates"], shrink=False)
        reports[setting] = [(c.check, c.verdict.status, c.verdict.message) for t in report.tasks for c in t.checks]
    assert reports["0"] == reports["1"] and reports["0"]


def test_a_zygote_that_died_is_replaced_and_its_workers_end_with_it(tmp_path, monkeypatch):
    monkeypatch.setenv(zygote.ENV, "1")
    submission = _submission(tmp_path / "sub")
    worker = _forked(submission)
    try:
        warm = worker.proc.zygote
        os.killpg(warm.proc.pid, 9)
        warm.proc.wait()
        assert worker.proc.wait(timeout=10) < 0
        again = Worker(submission, "look")
        try:
            assert again.ensure_started().submission_files() == ["look.py"]
            assert again.proc.zygote is not warm
        finally:
            again.stop()
    finally:
        worker.stop()


def test_without_a_cgroup_a_forked_worker_may_start_no_process(tmp_path, monkeypatch):
    if not process_tree.available():
        pytest.skip("no cgroup here: every worker already starts without one")
    monkeypatch.setattr(process_tree, "create", lambda *args, **kwargs: None)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "spawn.py").write_text("import os\n\ndef spawn():\n    return os.fork()\n")
    worker = _forked(tmp_path / "sub", "spawn")
    try:
        module = worker.ensure_started()
        with pytest.raises(Exception, match="may not start processes"):
            module.spawn()
    finally:
        worker.stop()


BWRAP = [m for m in MODES if m.values == ("bwrap",)]


@pytest.mark.parametrize("mode", BWRAP)
def test_a_venv_under_tmp_stays_mounted_when_the_sandbox_tmp_is_emptied(mode, tmp_path, monkeypatch):
    """Python's folders under /tmp (a venv there, as CI has) are mounted inside the sandbox's own /tmp, on
    folders bubblewrap made in the zygote's work folder: emptying it for the next submission keeps those,
    or every later worker of the zygote would lose its Python."""
    monkeypatch.setenv(sandbox.ENV, mode)
    library = Path(tempfile.mkdtemp(dir="/tmp")) / "venv-lib"
    try:
        library.mkdir()
        (library / "marker.txt").write_text("here")
        monkeypatch.setenv("LD_LIBRARY_PATH", str(library))   # bound at its own path, as a venv's folders are
        reads = []
        for name in ("ann", "ben", "cat"):   # a new submission each time: the zygote restages and empties /tmp
            submission = _submission(tmp_path / name)
            reader = f"\n\ndef marker():\n    return open({str(library / 'marker.txt')!r}).read()\n"
            (submission / "look.py").write_text(LOOK_AROUND + reader)
            worker = Worker(submission, "look")
            try:
                reads.append((worker.ensure_started().marker(), isinstance(worker.proc, zygote.ForkedProcess)))
            finally:
                worker.stop()
        assert reads == [("here", False), ("here", True), ("here", True)], reads
    finally:
        shutil.rmtree(library.parent)


def test_a_grade_of_several_tasks_holds_one_worker_at_a_time(monkeypatch):
    """Each task's worker is stopped after the task's last check: fifteen workers at once were more memory
    than Gradescope's default 768 MB (benchmarks/gradescope_limits.py)."""
    live, most = set(), []
    start, stop = Worker.start, Worker.stop

    def started(worker):
        start(worker)
        live.add(id(worker))
        most.append(len(live))

    def stopped(worker):
        live.discard(id(worker))
        stop(worker)

    monkeypatch.setattr(Worker, "start", started)
    monkeypatch.setattr(Worker, "stop", stopped)
    report = grade(SOLUTIONS, ["softmax", "gates", "metrics"], shrink=False)
    assert all(t.points == t.max_points > 0 for t in report.tasks)
    assert len(most) == 3 and max(most) == 1, most


@pytest.mark.parametrize("task_ids", [["softmax", "gates", "metrics"], ["softmax"]])
def test_a_grade_forks_its_first_worker_too(task_ids, monkeypatch):
    """The grade starts its zygote while pytest collects the checks, so no worker starts cold, not even the
    one worker of a grade of one task (a student's `dlgrade check softmax`)."""
    monkeypatch.setattr(zygote, "_ZYGOTES", {})
    monkeypatch.setattr(zygote, "_COLD_STARTS", set())
    forked, start = [], Worker.start

    def started(worker):
        start(worker)
        forked.append(isinstance(worker.proc, zygote.ForkedProcess))

    monkeypatch.setattr(Worker, "start", started)
    report = grade(SOLUTIONS, task_ids, shrink=False)
    assert all(t.points == t.max_points > 0 for t in report.tasks)
    assert forked == [True] * len(task_ids)
    assert len(zygote._ZYGOTES) == 1
    zygote.close_all()


def test_a_zygote_that_stops_answering_costs_its_workers_not_the_grader(tmp_path, monkeypatch):
    """Native code of a worker can stop its zygote (SIGSTOP): stopping a worker then waits REPORT_TIMEOUT_S
    for the zygote's word, ends the zygote, and the next worker comes from a new one."""
    monkeypatch.setenv(sandbox.ENV, "none")   # the zygote is then the process the grader started
    monkeypatch.setattr(zygote, "REPORT_TIMEOUT_S", 1.0)
    submission = _submission(tmp_path / "sub")
    worker = _forked(submission)
    warm = worker.proc.zygote
    os.kill(warm.proc.pid, signal.SIGSTOP)
    started = time.monotonic()
    worker.stop()
    assert time.monotonic() - started < 5 and not warm.alive()
    again = Worker(submission, "look")
    try:
        assert again.ensure_started().submission_files() == ["look.py"]
        assert isinstance(again.proc, zygote.ForkedProcess) and again.proc.zygote is not warm
    finally:
        again.stop()


def test_a_message_the_zygote_never_sends_is_not_believed(tmp_path, monkeypatch):
    """The zygote shares its sandbox with the workers' code: what it says is read, never trusted to be well
    formed (Zygote.collect ends a zygote that sends such a message, and its workers with it)."""
    monkeypatch.setenv(sandbox.ENV, "none")
    worker = _forked(_submission(tmp_path / "sub"))
    warm, inner = worker.proc.zygote, worker.proc.inner_pid
    try:
        for forged in (b"not json", b"[" * 65536, b'"forked"', b"[]", b'{"exited": "x", "code": 1}',
                       f'{{"exited": {inner}}}'.encode(), f'{{"exited": {inner}, "code": "x"}}'.encode()):
            assert warm._read(forged) is False, forged
        assert worker.proc.poll() is None and worker.ensure_started().submission_files() == ["look.py"]
    finally:
        worker.stop()


def test_a_grade_on_every_core_leaves_no_zygote_folder_behind(tmp_path, monkeypatch):
    """grade --jobs runs tasks in forked copies of the grading session (multiprocessing processes), which end
    without atexit's handlers: their zygotes still end, and their folders go with them."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    report = grade(SOLUTIONS, ["softmax", "gates", "metrics", "encoding", "init", "layers"], jobs=2, shrink=False)
    assert all(t.points == t.max_points > 0 for t in report.tasks)
    left = [p.name for p in tmp_path.glob(f"{zygote.FOLDER_PREFIX}*") if not p.name.startswith(
        f"{zygote.FOLDER_PREFIX}{os.getpid()}-")]
    assert not left, left


def test_the_folder_of_a_zygote_whose_grader_died_is_removed(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dead = tmp_path / f"{zygote.FOLDER_PREFIX}999999999-abc"   # no such process
    alive = tmp_path / f"{zygote.FOLDER_PREFIX}{os.getpid()}-abc"
    for folder in (dead, alive):
        locked = folder / "work" / "worker-x" / "locked"   # what a student's code made read-only
        locked.mkdir(parents=True)
        (locked / "file").write_text("x")
        locked.chmod(0o500)
    zygote.remove_stale()
    assert not dead.exists() and alive.exists()
    (alive / "work" / "worker-x" / "locked").chmod(0o700)
