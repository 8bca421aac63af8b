"""Grading a class: discovery, safe unpacking, parallel grading, resuming, and identical results every time."""
from __future__ import annotations

import csv
import io
import json
import shutil
import tarfile
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from graders.classroom import archives
from graders.classroom.grading import ClassError, content_hash, discover, grade_class, read_report
from graders.cli.kit import main as cli
from graders.engine.submission import module_folder
from tests.kit import EXERCISES, KIT, all_variants, make_submission

TASKS = ["softmax"]
BUG = next(v for v in all_variants() if v.task == "softmax" and not v.correct)


def _zip_folder(folder: Path, archive: Path, prefix: str = "") -> Path:
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(folder.iterdir()):
            zf.write(path, prefix + path.name)
    return archive


def _tar_folder(folder: Path, archive: Path) -> Path:
    with tarfile.open(archive, "w:gz") as tf:
        for path in sorted(folder.iterdir()):
            tf.add(path, path.name)
    return archive


@pytest.fixture(scope="module")
def class_dir(tmp_path_factory) -> Path:
    """alice: the reference (a folder); bob: a buggy softmax (a zip whose files sit in a folder);
    carol: the untouched stubs (a .tar.gz); dave: a file that is no archive at all."""
    root = tmp_path_factory.mktemp("class")
    make_submission(root / "alice")
    work = tmp_path_factory.mktemp("work")
    _zip_folder(make_submission(work / "bob", BUG), root / "bob.zip", prefix="bob/")
    _tar_folder(make_submission(work / "carol", base=EXERCISES), root / "carol.tar.gz")
    (root / "dave.zip").write_bytes(b"this is not a zip file")
    (root / "notes.txt").write_text("not a submission")
    return root


@pytest.fixture(scope="module")
def first_run(class_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    return out, grade_class(class_dir, out, task_ids=TASKS, workers=2)


def test_one_submission_per_folder_or_archive(class_dir, tmp_path):
    found = discover(class_dir)
    assert [(s.student, s.source.name) for s in found] == [
        ("alice", "alice"), ("bob", "bob.zip"), ("carol", "carol.tar.gz"), ("dave", "dave.zip")]
    assert [s.student for s in discover(class_dir, exclude=(class_dir / "alice",))] == ["bob", "carol", "dave"]
    twice = tmp_path / "twice"
    shutil.copytree(class_dir / "alice", twice / "alice")
    shutil.copy(class_dir / "bob.zip", twice / "alice.zip")
    with pytest.raises(ClassError, match="more than one submission"):
        discover(twice)


def test_class_is_graded_into_csv_feedback_and_summary(first_run):
    out, outcomes = first_run
    assert [(o.student, o.state) for o in outcomes] == [
        ("alice", "graded"), ("bob", "graded"), ("carol", "graded"), ("dave", "failed")]
    rows = (out / "grades.csv").read_text().splitlines()
    assert rows[0] == "student,softmax,total,problem"
    assert rows[1] == "alice,5,5,"
    assert rows[2].startswith("bob,") and 0 < float(rows[2].split(",")[1]) < 5
    assert rows[3] == "carol,0,0,"
    assert rows[4].startswith("dave,,,") and "could not be read" in rows[4]
    for student in ("alice", "bob", "carol"):
        folder = out / "students" / student
        results = json.loads((folder / "results.json").read_text())
        assert results["tests"][0]["name"].startswith("softmax")
        assert (folder / "feedback.txt").read_text().startswith(f"Submission: {student}\n")
    assert "could not be graded" in (out / "students" / "dave" / "feedback.txt").read_text()
    summary = (out / "summary.md").read_text()
    assert "3 submissions graded, 1 could not be graded: dave" in summary
    assert "| softmax | " in summary and "softmax / " in summary
    assert (out / "totals.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_unchanged_submissions_are_not_graded_again(first_run, class_dir, tmp_path):
    out, _ = first_run
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    again = grade_class(class_dir, copy, task_ids=TASKS, workers=2)
    assert [(o.student, o.state) for o in again] == [
        ("alice", "reused"), ("bob", "reused"), ("carol", "reused"), ("dave", "failed")]
    assert (copy / "grades.csv").read_text() == (out / "grades.csv").read_text()
    changed_class = tmp_path / "class"
    shutil.copytree(class_dir, changed_class)
    make_submission(changed_class / "alice", BUG)
    states = {o.student: o.state for o in grade_class(changed_class, copy, task_ids=TASKS, workers=2)}
    assert states == {"alice": "graded", "bob": "reused", "carol": "reused", "dave": "failed"}
    assert (copy / "grades.csv").read_text().splitlines()[1] != "alice,5,5,"


def test_interrupted_run_resumes_and_gives_the_same_csv(first_run, class_dir, tmp_path):
    out = tmp_path / "out"
    seen = []

    def stop_after_first(outcome):
        seen.append(outcome.student)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        grade_class(class_dir, out, task_ids=TASKS, workers=1, on_result=stop_after_first)
    (done,) = seen
    assert read_report(out / "students" / done) is not None
    assert not (out / "grades.csv").exists()
    resumed = {o.student: o.state for o in grade_class(class_dir, out, task_ids=TASKS, workers=2)}
    assert resumed[done] in ("reused", "failed") and list(resumed.values()).count("reused") <= 1
    first_out, _ = first_run
    assert (out / "grades.csv").read_bytes() == (first_out / "grades.csv").read_bytes()
    assert (out / "summary.md").read_bytes() == (first_out / "summary.md").read_bytes()


def test_cli_grades_a_class(class_dir, tmp_path):
    small = tmp_path / "class"
    shutil.copytree(class_dir / "alice", small / "alice")
    result = CliRunner().invoke(cli, ["grade-class", str(small), "--out", str(tmp_path / "out"),
                                      "--tasks", "softmax", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "1 submissions: 1 graded" in result.output
    assert (tmp_path / "out" / "grades.csv").read_text().splitlines()[1] == "alice,5,5,"


# -- unpacking --------------------------------------------------------------------------------------
def test_archives_unpack_only_regular_files_inside_the_folder(tmp_path):
    archive = tmp_path / "sneaky.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("softmax.py", "x = 1\n")
        zf.writestr("../escaped.py", "x = 2\n")
        zf.writestr("/tmp/absolute.py", "x = 3\n")
        zf.writestr("sub/../../up.py", "x = 4\n")
        zf.writestr("__pycache__/softmax.cpython-311.pyc", b"junk")
        link = zipfile.ZipInfo("link.py")
        link.external_attr = (0o120777 << 16)
        zf.writestr(link, str(KIT / "solutions" / "softmax.py"))
    dest = tmp_path / "a" / "dest"
    skipped = archives.unpack(archive, dest)
    assert sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*")) == ["softmax.py"]
    assert len(skipped) == 4 and not (tmp_path / "a" / "escaped.py").exists()


def test_tar_links_and_folder_symlinks_are_left_out(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    (source / "softmax.py").write_text("x = 1\n")
    (source / "reference.py").symlink_to(KIT / "solutions" / "softmax.py")
    archive = tmp_path / "s.tar"
    with tarfile.open(archive, "w") as tf:
        tf.add(source / "softmax.py", "softmax.py")
        for name, kind in (("hard.py", tarfile.LNKTYPE), ("soft.py", tarfile.SYMTYPE)):
            info = tarfile.TarInfo(name)
            info.type, info.linkname = kind, "/etc/passwd"
            tf.addfile(info)
        info = tarfile.TarInfo("../../up.py")
        data = b"x = 2\n"
        info.size = len(data)
        tf.addfile(info, io.BytesIO(data))
    for src, dest in ((archive, tmp_path / "t"), (source, tmp_path / "f")):
        skipped = archives.unpack(src, dest)
        assert [p.name for p in dest.iterdir()] == ["softmax.py"], skipped
        assert skipped


def test_archive_limits_stop_a_zip_bomb(tmp_path, monkeypatch):
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("softmax.py", b"0" * 5_000_000)
    monkeypatch.setattr(archives, "MAX_BYTES", 1_000_000)
    with pytest.raises(archives.ArchiveError, match="larger than"):
        archives.unpack(archive, tmp_path / "dest")


def test_same_files_same_hash_whatever_the_wrapping(tmp_path):
    folder = make_submission(tmp_path / "alice")
    wrapped = archives.unpack(_zip_folder(folder, tmp_path / "alice.zip", prefix="alice/"), tmp_path / "x")
    assert wrapped == []
    assert content_hash(module_folder(tmp_path / "x")) == content_hash(folder)
    (folder / "softmax.py").write_text((folder / "softmax.py").read_text() + "\n# changed\n")
    assert content_hash(module_folder(tmp_path / "x")) != content_hash(folder)


# -- submissions in the wrong shape ----------------------------------------------------------------
def _shapes(root: Path) -> Path:
    """nested: the modules two folders down; notebooks: .ipynb files only; empty: nothing;
    stray: files that are no task module; twice: modules in two folders."""
    make_submission(root / "nested" / "hw3" / "exercises")
    (root / "notebooks").mkdir(parents=True)
    (root / "notebooks" / "softmax.ipynb").write_text("{}")
    (root / "empty").mkdir()
    (root / "stray").mkdir()
    (root / "stray" / "my_softmax.py").write_text("x = 1\n")
    make_submission(root / "twice" / "a")
    make_submission(root / "twice" / "b")
    return root


SHAPE_PROBLEMS = {
    "notebooks": "dlgrade extract",
    "empty": "is empty",
    "stray": "no task module",
    "twice": "more than one folder",
}


def test_grade_finds_nested_modules_and_names_a_wrong_shape_in_one_line(tmp_path):
    root = _shapes(tmp_path)
    nested = CliRunner().invoke(cli, ["grade", str(root / "nested"), "--tasks", "softmax"])
    assert nested.exit_code == 0 and "the modules are in" in nested.output
    for name, words in SHAPE_PROBLEMS.items():
        result = CliRunner().invoke(cli, ["grade", str(root / name), "--tasks", "softmax"])
        assert result.exit_code == 1 and words in result.output, result.output
        assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_grade_class_treats_nested_folders_like_grade_and_a_wrong_shape_costs_one_student(tmp_path):
    root = _shapes(tmp_path / "class")
    outcomes = {o.student: o for o in grade_class(root, tmp_path / "out", task_ids=TASKS, workers=2)}
    assert outcomes["nested"].state == "graded" and outcomes["nested"].total == 5
    for name, words in SHAPE_PROBLEMS.items():
        assert outcomes[name].state == "failed" and words in outcomes[name].problem, outcomes[name]
    rows = {row.split(",")[0]: row for row in (tmp_path / "out" / "grades.csv").read_text().splitlines()}
    assert "dlgrade extract" in rows["notebooks"]


def test_summary_lists_mistakes_not_unattempted_tasks_and_csv_cells_are_never_formulas():
    from graders.classroom.summary import check_failures, failing_checks, grades_csv
    from graders.results import StudentRecord

    def report(status, message):
        return StudentRecord.from_dict({"state": "graded", "total": 0, "max_total": 5, "complete": True, "tasks": [
            {"task": "softmax", "points": 0, "max_points": 5, "not_graded": "",
             "checks": [{"check": "rows_sum_to_one", "status": status, "message": message}]}]})

    lines = failing_checks(check_failures([report("not attempted", "not attempted yet"),
                                           report("not attempted", "not attempted"),
                                           report("failed", "softmax(a) is wrong")]))
    assert any("rows_sum_to_one | 1 | failed" in line for line in lines)
    assert not any("not attempted" in line for line in lines)
    csv_text = grades_csv({"=HYPERLINK(\"x\")": report("failed", "wrong")}, ["softmax"])
    assert next(csv.reader(io.StringIO(csv_text.splitlines()[1])))[0] == "'=HYPERLINK(\"x\")"


def test_a_change_to_what_grades_regrades_and_nothing_else(monkeypatch, tmp_path):
    """The fingerprint covers graders/ by folder: the engine, the worker, the check toolkit, the suites and
    the top-level modules; not the command lines, nbgrader's notebooks or the authoring tools."""
    from graders.classroom import grading as classroom

    copy = tmp_path / "graders"
    shutil.copytree(classroom.GRADERS, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(classroom, "GRADERS", copy)
    before = classroom.fingerprint(["softmax"], ("public",), None, None)
    for changed, regrades in (("engine/runner.py", True), ("worker/server.py", True), ("engine/feedback.py", True),
                              ("testing/expect.py", True), ("hidden/test_gates.py", True), ("results.py", True),
                              ("cli/kit.py", False), ("notebooks/generate.py", False), ("authoring/sync.py", False)):
        path = copy / changed
        path.write_text(path.read_text() + "\n# changed\n")
        after = classroom.fingerprint(["softmax"], ("public",), None, None)
        assert (after != before) == regrades, changed
        before = after


def test_a_resumed_class_is_regraded_after_an_engine_file_changes(monkeypatch, tmp_path):
    from graders.classroom import grading as classroom

    copy = tmp_path / "kit" / "graders"
    shutil.copytree(classroom.GRADERS, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(classroom, "GRADERS", copy)
    make_submission(tmp_path / "class" / "ann")
    out = tmp_path / "out"

    def states():
        return {o.student: o.state for o in grade_class(tmp_path / "class", out, task_ids=["softmax"], max_call_timeout=2)}

    assert states() == {"ann": "graded"}
    assert states() == {"ann": "reused"}
    engine = copy / "engine" / "feedback.py"
    engine.write_text(engine.read_text() + "\n# changed\n")
    assert states() == {"ann": "graded"}


def test_a_name_that_is_not_utf8_and_a_symlinked_entry_cost_nobody_else_their_grade(tmp_path):
    """A folder named with Latin-1 bytes is graded under a printable name; a symbolic link to the
    reference solutions is listed as not graded with the reason, not graded as a student."""
    import os

    class_dir = tmp_path / "class"
    make_submission(class_dir / "ann")
    latin1 = os.path.join(os.fsencode(class_dir), b"caf\xe9")
    shutil.copytree(class_dir / "ann", os.fsdecode(latin1))
    (class_dir / "sneaky").symlink_to(KIT / "solutions", target_is_directory=True)
    out = tmp_path / "out"
    outcomes = {o.student: o for o in grade_class(class_dir, out, task_ids=TASKS, workers=2)}
    assert set(outcomes) == {"ann", "caf\\xe9", "sneaky"}
    assert outcomes["ann"].state == outcomes["caf\\xe9"].state == "graded"
    assert outcomes["caf\\xe9"].total == outcomes["ann"].total > 0
    assert outcomes["sneaky"].state == "failed" and "symbolic link" in outcomes["sneaky"].problem
    rows = {row["student"]: row for row in csv.DictReader(io.StringIO((out / "grades.csv").read_text("utf-8")))}
    assert rows["caf\\xe9"]["total"] == rows["ann"]["total"] != ""
    assert rows["sneaky"]["total"] == "" and "symbolic link" in rows["sneaky"]["problem"]
    assert "1 could not be graded: sneaky" in (out / "summary.md").read_text("utf-8")


def _alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (a zombie waiting to be reaped does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def _eventually(condition, seconds: float, interval: float = 0.1):
    """``condition()``'s first true value within ``seconds``, polling every ``interval`` (else its last value)."""
    deadline = time.monotonic() + seconds
    while not (value := condition()) and time.monotonic() < deadline:
        time.sleep(interval)
    return value


def _descendants(pid: int) -> list[int]:
    """The processes started by process ``pid``, by the processes it started, and so on."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _grading_under(class_pid: int, module: str) -> list[int]:
    """Every process under a class run, once a submission's worker for ``module`` runs (its grader and
    the warm grader it was forked from are up by then); [] before. A worker started cold names its module
    last on its command line; one forked from a zygote keeps the zygote's (``server.py ... :zygote``) and
    is the zygote's child. (The sandbox's probe also names the worker's server.py, but runs no module: it
    may run before the submission is even unpacked.)"""
    under = _descendants(class_pid)
    for pid in under:
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().rstrip(b"\0").split(b"\0")
            if not any(arg.endswith(b"server.py") for arg in argv):
                continue
            if argv[-1] == module.encode() or (argv[-1] == b":zygote" and _descendants(pid)):
                return under
        except OSError:
            continue
    return []


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc")
def test_a_killed_class_run_leaves_no_grader_running_and_the_next_run_removes_its_files(tmp_path, monkeypatch):
    import os
    import signal
    import subprocess
    import sys
    import tempfile

    # A temporary folder of this test's own: class runs of other tests (in parallel) clean theirs.
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setenv("TMPDIR", str(temporary))
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    class_dir = tmp_path / "class"
    slow = make_submission(class_dir / "slow")
    with open(slow / "softmax.py", "a", encoding="utf-8") as module:
        module.write("\n\ndef softmax(a):\n    import time\n    time.sleep(60)\n")
    run = subprocess.Popen([sys.executable, "-c", "from graders.cli.kit import main; main()", "grade-class",
                            str(class_dir), "--out", str(tmp_path / "out"), "--tasks", "softmax"],
                           cwd=KIT, env=dict(os.environ), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        graders = _eventually(lambda: _grading_under(run.pid, "softmax"), 60, interval=0.2)
        assert graders, "the class run started no worker for the submission"
        run.send_signal(signal.SIGKILL)
        run.wait()
        _eventually(lambda: not any(map(_alive, graders)), 10)
        assert not any(map(_alive, graders)), "a process of the class run outlived it"
    finally:
        run.kill()
        run.wait()
    left = list(temporary.glob(f"dlgrade-class-{run.pid}-*"))
    assert left, "expected the killed run's staging folder (SIGKILL leaves no time to clean up)"
    (tmp_path / "empty").mkdir()
    grade_class(tmp_path / "empty", tmp_path / "out2", task_ids=TASKS)
    assert not any(folder.exists() for folder in left), "the next run left the killed run's copies of student code"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc")
def test_the_warm_server_forks_each_run_with_its_own_environment_log_and_session(tmp_path):
    """What the class run relies on: a run's exit status, its output in its log, the request's
    environment (not the server's), killed with what it started, and none left once the server is closed."""
    import os

    from graders.classroom.warm import WarmPython

    def started_by(log: Path) -> int:
        _eventually(lambda: log.exists() and log.read_text().strip(), 30, interval=0.05)
        return int(log.read_text())

    warm = WarmPython([], {**os.environ, "WARM_TEST": "the server's"})
    try:
        environment = {**os.environ, "WARM_TEST": "the request's"}
        run = warm.start("tests.warm_program", ["environment", "more"], tmp_path / "a.log", environment)
        assert warm.wait(run, 60) == 3
        assert (tmp_path / "a.log").read_text() == "the request's ['environment', 'more']\n"
        run = warm.start("tests.warm_program", ["raise"], tmp_path / "b.log", environment)
        assert warm.wait(run, 60) == 1
        assert "ValueError: raised by the program" in (tmp_path / "b.log").read_text()
        run = warm.start("tests.warm_program", ["sleep"], tmp_path / "c.log", environment)
        grandchild = started_by(tmp_path / "c.log")
        assert warm.wait(run, 0.2) is None
        warm.kill(run)
        assert warm.wait(run, 60) == -9
        run = warm.start("tests.warm_program", ["sleep"], tmp_path / "d.log", environment)
        left = [grandchild, run, started_by(tmp_path / "d.log")]
    finally:
        warm.close()
    _eventually(lambda: not any(map(_alive, left)), 10)
    assert not any(map(_alive, left)), "a run, or a process it started, outlived the server"


def test_the_warm_server_warms_up_before_it_forks_the_first_run(tmp_path):
    import os

    from graders.classroom.warm import WarmPython

    warm = WarmPython(["tests.warm_program"], dict(os.environ), ["tests.warm_program:warm_up", "softmax", "public"])
    try:
        run = warm.start("tests.warm_program", ["warmed"], tmp_path / "a.log", dict(os.environ))
        assert warm.wait(run, 60) == 0
    finally:
        warm.close()
    assert (tmp_path / "a.log").read_text() == "['softmax', 'public']\n"


def test_the_warm_up_grades_the_numpy_tasks_reference_and_a_failure_costs_only_its_time(monkeypatch, capsys):
    """preload.warm_up: the reference graded on the tasks that need nothing beyond numpy, as the graders grade it,
    and no zygote left to fork with."""
    from graders.classroom import preload

    calls, closed = [], []
    monkeypatch.setattr(preload.zygote, "close_all", lambda: closed.append(True))
    monkeypatch.setattr(preload, "grade", lambda *args, **kwargs: calls.append((args, kwargs)))
    preload.warm_up("softmax,mlp,gates", "public,hidden")
    assert calls == [((preload.SOLUTIONS, ["softmax", "gates"]), {"tiers": ("public", "hidden")})] and closed

    def failing(*args, **kwargs):
        raise RuntimeError("no sandbox today")

    monkeypatch.setattr(preload, "grade", failing)
    preload.warm_up("softmax", "public")
    assert "each grader starts cold" in capsys.readouterr().err and len(closed) == 2


def test_a_warmed_up_class_run_gives_every_verdict_of_a_cold_one(tmp_path, monkeypatch):
    """From WARM_UP_FROM submissions on, the graders fork from a process that graded the reference first: the
    verdicts and their messages (the shrunk failing examples) are those of graders that start cold."""
    from graders.classroom import grading

    for name in ("ann", "bob", "cy"):
        make_submission(tmp_path / "class" / name, None if name == "ann" else BUG)
    shutil.copy(EXERCISES / "softmax.py", tmp_path / "class" / "cy" / "softmax.py")

    def verdicts(out: Path) -> dict:
        grade_class(tmp_path / "class", out, task_ids=TASKS, workers=2)
        return {student: [(c["check"], c["status"], c["message"]) for t in read_report(out / "students" / student)["tasks"]
                          for c in t["checks"]] for student in ("ann", "bob", "cy")}

    assert grading.WARM_UP_FROM <= 3
    warmed = verdicts(tmp_path / "warm")
    monkeypatch.setattr(grading, "WARM_UP_FROM", 10**9)
    cold = verdicts(tmp_path / "cold")
    assert warmed == cold
    assert any(status == "failed" for _, status, _ in warmed["bob"]), warmed["bob"]


def test_a_submission_past_the_class_runs_time_limit_is_stopped_and_named(tmp_path):
    """``submission_timeout``: the grader is killed with its workers, the student reads why, the others are graded."""

    slow = make_submission(tmp_path / "class" / "slow")
    with open(slow / "softmax.py", "a", encoding="utf-8") as module:
        module.write("\n\nimport time\n\ntime.sleep(120)\n")   # its worker takes 30 s (the cap) to give up
    make_submission(tmp_path / "class" / "ann")
    started = time.monotonic()
    outcomes = {o.student: o for o in grade_class(tmp_path / "class", tmp_path / "out", task_ids=["softmax"],
                                                   workers=2, submission_timeout=3, max_call_timeout=30)}
    assert time.monotonic() - started < 25   # not stopped, the slow grader would wait 30 s for its worker
    assert outcomes["ann"].state == "graded" and outcomes["ann"].total == outcomes["ann"].max_total
    assert outcomes["slow"].state == "failed"
    assert outcomes["slow"].problem == "grading took longer than 3 s and was stopped"


def test_a_warm_server_that_cannot_start_costs_each_submission_its_grade_with_the_reason(tmp_path, monkeypatch):
    from graders.classroom import grading

    monkeypatch.setattr(grading, "PRELOAD", ["tests.no_such_module"])
    make_submission(tmp_path / "class" / "ann")
    (outcome,) = grade_class(tmp_path / "class", tmp_path / "out", task_ids=["softmax"])
    assert outcome.state == "failed" and "the warm grader process ended" in outcome.problem


def test_a_report_changed_after_grading_is_graded_again_not_kept(tmp_path, monkeypatch):
    """A process left behind (possible without bubblewrap) rewrites a student's report.json with full
    marks: the next run finds it is not what it signed, grades the student again and gets the real grade."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    class_dir = tmp_path / "class"
    make_submission(class_dir / "ann", next(v for v in all_variants() if v.task == "softmax" and not v.correct))
    make_submission(class_dir / "ben")
    out = tmp_path / "out"
    first = {o.student: o for o in grade_class(class_dir, out, task_ids=TASKS)}
    assert first["ann"].total < first["ann"].max_total
    report_path = out / "students" / "ann" / "report.json"
    forged = json.loads(report_path.read_text())
    forged["total"] = forged["max_total"]
    for task in forged["tasks"]:
        task["points"] = task["max_points"]
    report_path.write_text(json.dumps(forged))
    again = {o.student: o for o in grade_class(class_dir, out, task_ids=TASKS)}
    assert again["ben"].state == "reused"
    assert again["ann"].state == "graded" and again["ann"].total == first["ann"].total
    assert json.loads(report_path.read_text())["total"] == first["ann"].total


@pytest.mark.parametrize(("students", "workers", "jobs"), [(1, 2, 2), (3, 2, 1), (2, 5, 2)])
def test_fewer_submissions_than_workers_grade_their_tasks_side_by_side(tmp_path, monkeypatch, students, workers,
                                                                        jobs):
    """Each submission's grader gets the cores no other submission uses: --jobs = workers // submissions."""
    from graders.classroom import grading

    for n in range(students):
        make_submission(tmp_path / "class" / f"s{n}")
    seen = []
    monkeypatch.setattr(grading._Job, "_run", lambda job, argv, log: seen.append(argv) or "stopped here")
    grade_class(tmp_path / "class", tmp_path / "out", task_ids=["softmax", "gates"], workers=workers)
    assert len(seen) == students and all(f"--jobs={jobs}" in argv for argv in seen), seen
