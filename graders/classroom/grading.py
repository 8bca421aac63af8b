"""Grade a whole class: one submission per folder or archive, in parallel, resumable, deterministic.

Each submission is copied or unpacked into a private folder (:mod:`graders.classroom.archives`)
and graded by a grader process of its own (:func:`main`, forked from a warm process that imported
what grading needs once: :mod:`graders.classroom.warm`), so that nothing a submission does, even
to its grader, reaches another submission. Results:

    OUT/students/<student>/report.json    every check's verdict, the content hash, the state
    OUT/students/<student>/results.json   Gradescope
    OUT/students/<student>/feedback.txt   the student's feedback
    OUT/students/<student>/feedback.html  the same as a page, with the task's plots (graders/pages)
    OUT/grades.csv, OUT/summary.md, OUT/totals.png, OUT/dashboard.html   (see graders/classroom/summary.py)
    OUT/ledger.json                       each student's published files, signed (see Ledger)

A submission is graded again only when its files (content hash) or the grading
(fingerprint: tasks, tiers, points, references, suites, limits, sandbox mode) changed,
when its grading failed, or when its published files are not the ones this kit signed. A student's files are replaced one by one, report.json
last, so an interrupted run loses nothing and the next run picks up where it stopped.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import hmac
import json
import os
import secrets
import shutil
import sys
import tempfile
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from graders import tasks
from graders.classroom import archives, diagnosis
from graders.classroom.summary import write_class_files
from graders.engine import sandbox
from graders.engine.plugin import TIERS
from graders.engine.runner import grade
from graders.engine.submission import SubmissionShapeError, module_folder
from graders.classroom.warm import WarmPython, WarmServerEnded
from graders.gradebooks import gradescope
from graders.kit import GRADERS, KIT_ROOT, write_atomically
from graders.pages.render import FEEDBACK_PAGE, feedback_page
from graders.points import load_visibility
from graders.report import could_not_grade_text, feedback_text
from graders.results import State, StudentRecord

STUDENTS = "students"
MISTAKES = "mistakes"   # OUT/mistakes/<digest>.json: the known mistakes' verdicts (graders/classroom/diagnosis.py)
REPORT = "report.json"
LEDGER = "ledger.json"   # OUT/ledger.json: what this kit published for each student, signed
SIGNED_FILES = (REPORT, "results.json", "feedback.txt", FEEDBACK_PAGE)
SUBMISSION_TIMEOUT_S = 3600.0
#: The folders of graders/ whose files run no part of a grade (the command lines, nbgrader's notebooks,
#: the stubs and the student release): changing them does not regrade a class.
NOT_GRADING_FOLDERS = ("cli", "notebooks", "authoring")
PRELOAD = ["graders.classroom.preload"]   # what the warm process that forks the graders imports
#: From this many submissions on, the warm process grades the reference before it forks the first grader
#: (graders/classroom/preload.py's warm_up: about a grade's time once, 0.3 s less for each grader of two tasks).
WARM_UP_FROM = 3
#: Set to 1 for the graders (and the warm process, before it loads numpy, whose BLAS sizes its thread
#: pool then), so graders side by side do not fight over cores; a value already set is kept.
ONE_THREAD = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
STAGING_PREFIX = "dlgrade-class-"   # + the run's pid: a later run removes the folder of a run killed mid-way


class ClassError(Exception):
    """The class folder cannot be graded as given (say, two submissions for one student)."""


@dataclass(frozen=True)
class Submission:
    student: str
    source: Path
    problem: str = ""   # why it is not graded (it is listed with this reason instead), '' when it is


@dataclass(frozen=True)
class Outcome:
    """What happened to one submission in this run: graded, reused (unchanged) or failed."""

    student: str
    state: State
    total: float | None = None
    max_total: float | None = None
    problem: str = ""
    not_graded: tuple[str, ...] = ()   # tasks that could not be graded (no dataset, no PyTorch)


# -- what to grade -----------------------------------------------------------------------------
def discover(folder: Path, exclude: tuple[Path, ...] = ()) -> list[Submission]:
    """One submission per sub-folder or archive of ``folder``, sorted by student.

    The student is the entry's name (bytes that are not UTF-8 written as ``\\xe9``, so that every
    file of the run can hold it). A symbolic link is listed with that problem, not followed: it
    may point anywhere, the reference solutions included.
    """
    found: dict[str, list[Path]] = {}
    problems: dict[str, str] = {}
    excluded = {p.resolve() for p in exclude}
    for entry in sorted(Path(folder).iterdir()):
        if entry.name.startswith(".") or entry.resolve() in excluded:
            continue
        student = printable_name(entry.name)
        suffix = archives.archive_suffix(entry)
        if entry.is_symlink():
            found.setdefault(student, []).append(entry)
            problems[student] = (f"{student} is a symbolic link (to {printable_name(os.readlink(entry))}), "
                                 "which is not graded: copy the submission into the class folder instead")
        elif entry.is_dir():
            found.setdefault(student, []).append(entry)
        elif entry.is_file() and suffix is not None and len(entry.name) > len(suffix):
            found.setdefault(student[: -len(suffix)], []).append(entry)
    clashes = {name: paths for name, paths in found.items() if len(paths) > 1}
    if clashes:
        listing = "; ".join(f"{name}: {', '.join(p.name for p in paths)}" for name, paths in clashes.items())
        raise ClassError(f"more than one submission for a student ({listing}); keep one of each")
    return [Submission(name, paths[0], problems.get(name, "")) for name, paths in sorted(found.items())]


def printable_name(name: str) -> str:
    """A file name as text any file can hold: bytes that were not UTF-8 become ``\\xNN``."""
    return os.fsencode(name).decode("utf-8", errors="backslashreplace")


def content_hash(folder: Path) -> str:
    """SHA-256 over every file's path and bytes: the same files give the same hash."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        digest.update(f"{path.relative_to(folder).as_posix()}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def fingerprint(task_ids: list[str], tiers: tuple[str, ...], points_file: Path | None,
                max_call_timeout: float | None) -> str:
    """What a grade depends on besides the submission: a change here regrades everyone.

    The settings of the run, the points file, the tasks' reference solutions, and every file of
    graders/ outside NOT_GRADING_FOLDERS: the engine, the worker, the check toolkit, the suites, the
    result model, and this folder (how a class is graded).
    """
    digest = hashlib.sha256(json.dumps([task_ids, list(tiers), max_call_timeout, sandbox.mode()]).encode())
    files = [Path(points_file) if points_file else GRADERS / "points.toml"]
    files += [KIT_ROOT / "solutions" / f"{t}.py" for t in task_ids]
    files += sorted(p for p in GRADERS.rglob("*") if p.suffix in (".py", ".toml") and "__pycache__" not in p.parts
                    and p.relative_to(GRADERS).parts[0] not in NOT_GRADING_FOLDERS)
    for path in files:
        digest.update(str(path.relative_to(KIT_ROOT) if path.is_relative_to(KIT_ROOT) else path.name).encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"(none)")
    return digest.hexdigest()


# -- grading the class ---------------------------------------------------------------------------
def grade_class(submissions_dir: Path, out: Path, *, task_ids: list[str] | None = None,
                tiers: tuple[str, ...] = TIERS, workers: int = 1, points_file: Path | None = None,
                max_call_timeout: float | None = None, regrade: bool = False, diagnose: bool = False,
                on_start=None, on_result=None,
                submission_timeout: float = SUBMISSION_TIMEOUT_S) -> list[Outcome]:
    """Grade every submission in ``submissions_dir`` into ``out``; return one outcome per student.

    ``on_start(n)`` is told how many submissions there are, ``on_result(outcome)`` hears
    of each as it finishes (in this thread). The class files (CSV, summary) are written
    once every submission has a result. With ``diagnose`` each task is checked against the
    catalogue of known mistakes (:mod:`graders.classroom.diagnosis`, graded first into
    ``out/mistakes/`` unless it is there already), and a student's feedback names the one their
    code behaves like.
    """
    out = Path(out)
    task_ids = list(task_ids or [t.id for t in tasks.TASKS])
    load_visibility(points_file)   # a points file each grader would refuse: said once, here (ConfigError)
    if diagnose and not diagnosis.CATALOGUE.is_dir():
        raise ClassError(f"--diagnose needs the kit's catalogue of known mistakes, {diagnosis.CATALOGUE}, which this "
                         "install does not have: grade from a checkout of the kit (git clone), or leave --diagnose out")
    submissions = discover(Path(submissions_dir), exclude=(out,))
    (out / STUDENTS).mkdir(parents=True, exist_ok=True)
    mistakes = diagnosis.build(task_ids, out / MISTAKES, fingerprint(task_ids, tiers, points_file, max_call_timeout),
                               tiers=tiers, points_file=points_file, max_call_timeout=max_call_timeout,
                               jobs=workers)[1] if diagnose else None
    # Fewer submissions than workers (one student regraded, a small class): each grader takes the
    # idle workers' cores for its tasks (runner.grade's ``jobs``).
    job = _Job(out, task_ids, tiers, points_file, max_call_timeout, regrade, submission_timeout,
               jobs=max(1, workers // max(1, len(submissions))), mistakes=mistakes,
               warm_up=len(submissions) >= WARM_UP_FROM)
    if on_start:
        on_start(len(submissions))
    outcomes = {}
    remove_stale_staging()
    with tempfile.TemporaryDirectory(prefix=f"{STAGING_PREFIX}{os.getpid()}-") as staging:
        job.staging = Path(staging)
        pool = concurrent.futures.ThreadPoolExecutor(max_workers=max(1, workers))
        try:
            futures = [pool.submit(job.grade, sub) for sub in submissions]
            for future in concurrent.futures.as_completed(futures):
                outcome = future.result()
                outcomes[outcome.student] = outcome
                if on_result:
                    on_result(outcome)
        except BaseException:
            job.stopping = True
            pool.shutdown(wait=False, cancel_futures=True)
            job.kill_running()
            raise
        finally:
            pool.shutdown(wait=True)
            job.close()
    records = {s.student: read_record(out / STUDENTS / s.student)
               or StudentRecord.could_not_grade(s.student, "no report") for s in submissions}
    write_class_files(out, records, task_ids)
    return [outcomes[s.student] for s in submissions]


class _Job:
    """The settings of one class run, and the grader processes it has running."""

    def __init__(self, out, task_ids, tiers, points_file, max_call_timeout, regrade, submission_timeout, jobs=1,
                 mistakes: Path | None = None, warm_up: bool = False):
        self.out, self.task_ids, self.tiers = out, task_ids, tiers
        self.points_file, self.max_call_timeout = points_file, max_call_timeout
        self.regrade, self.submission_timeout = regrade, submission_timeout
        self.mistakes = mistakes   # the known mistakes' verdicts (named by their digest), or None: no diagnosis
        self.fingerprint = fingerprint(task_ids, tiers, points_file, max_call_timeout)
        if mistakes is not None:   # a grade with a diagnosis is not the one without
            self.fingerprint = hashlib.sha256(f"{self.fingerprint}\0{mistakes.name}".encode()).hexdigest()
        self.ledger = Ledger(out)
        self.staging: Path | None = None
        self.jobs = jobs   # tasks each submission's grader grades at once
        self.running: set[int] = set()   # the graders' pids
        self.lock = threading.Lock()
        self.stopping = False
        self.warm: WarmPython | None = None   # started with the first grader
        self.warm_up = ["graders.classroom.preload:warm_up", ",".join(task_ids), ",".join(tiers)] if warm_up else []

    def close(self) -> None:
        if self.warm is not None:
            self.warm.close()

    def grade(self, sub: Submission) -> Outcome:
        if sub.problem:
            return self._failed(sub.student, "", sub.problem)
        folder = self.staging / "files" / sub.student
        try:
            skipped = archives.unpack(sub.source, folder / sub.student)
            try:
                root = module_folder(folder / sub.student)
            except SubmissionShapeError as exc:
                return self._failed(sub.student, content_hash(folder / sub.student), str(exc))
            digest = content_hash(root)
            previous = read_record(self.out / STUDENTS / sub.student)
            if (not self.regrade and _still_valid(previous, digest, self.fingerprint)
                    and self.ledger.vouches_for(sub.student)):
                return Outcome(sub.student, State.REUSED, previous.total, previous.max_total)
            notes = [f"left out of the submission: {', '.join(skipped[:20])}"] if skipped else []
            return self._run_grader(sub.student, root, digest, notes)
        except archives.ArchiveError as exc:
            return self._failed(sub.student, "", str(exc))
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def _run_grader(self, student: str, root: Path, digest: str, notes: list[str]) -> Outcome:
        partial = self.staging / "results" / student
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        argv = [str(root), str(partial), f"--student={student}", "--tasks", ",".join(self.task_ids),
                "--tiers", ",".join(self.tiers), f"--jobs={self.jobs}"]
        if self.points_file:
            argv += ["--points", str(Path(self.points_file).resolve())]
        if self.max_call_timeout is not None:
            argv += ["--max-call-timeout", str(self.max_call_timeout)]
        if self.mistakes is not None:
            argv += ["--mistakes", str(self.mistakes.resolve())]
        argv += [f"--note={note}" for note in notes]
        problem = self._run(argv, partial / "grader.log")
        if self.stopping:   # interrupted: leave the student's earlier results as they are
            return Outcome(student, State.INTERRUPTED)
        record = read_record(partial)
        if problem or record is None or not record.graded:
            return self._failed(student, digest, problem or "the grader wrote no report")
        record = replace(record, student=student, content_hash=digest, fingerprint=self.fingerprint)
        _write_json(partial / REPORT, record.to_dict())
        publish(partial, self.out / STUDENTS / student)
        with self.lock:
            self.ledger.sign(student)
        return Outcome(student, State.GRADED, record.total, record.max_total,
                       not_graded=tuple(t.task for t in record.report.not_graded))

    def _run(self, argv: list[str], log_path: Path) -> str:
        """Run one grader process (:func:`main` with ``argv``); '' if it finished, else what went wrong."""
        environment = dict(os.environ)
        for name in ONE_THREAD:
            environment.setdefault(name, "1")
        with self.lock:
            if self.stopping:
                return "the class run was interrupted"
            if self.warm is None:
                self.warm = WarmPython(PRELOAD, environment, self.warm_up)
            try:
                pid = self.warm.start("graders.classroom.grading", argv, log_path, environment)
            except WarmServerEnded as exc:
                return str(exc)
            self.running.add(pid)
        try:
            code = self.warm.wait(pid, self.submission_timeout)
            if code is None:
                self.warm.kill(pid)
                self.warm.wait(pid)
                return f"grading took longer than {self.submission_timeout:g} s and was stopped"
        finally:
            with self.lock:
                self.running.discard(pid)
        if code != 0:
            lines = log_path.read_text(errors="replace").strip().splitlines()
            return f"the grader process failed (exit status {code}): {lines[-1][:300] if lines else ''}"
        return ""

    def kill_running(self) -> None:
        with self.lock:
            for pid in list(self.running):
                self.warm.kill(pid)

    def _failed(self, student: str, digest: str, problem: str) -> Outcome:
        """Record a submission that could not be graded (it is tried again on the next run)."""
        record = StudentRecord.could_not_grade(student, problem, digest, self.fingerprint)
        partial = self.staging / "results" / student
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        (partial / "feedback.txt").write_text(could_not_grade_text(record), encoding="utf-8")
        _write_json(partial / "results.json", gradescope.could_not_grade_json(record))
        _write_json(partial / REPORT, record.to_dict())
        publish(partial, self.out / STUDENTS / student)
        return Outcome(student, State.FAILED, problem=problem)


def remove_stale_staging() -> None:
    """Remove the staging folders (copies of student code) that killed class runs left behind:
    those of a process that no longer runs."""
    for folder in Path(tempfile.gettempdir()).glob(f"{STAGING_PREFIX}*-*"):
        pid = folder.name[len(STAGING_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:   # someone else's process
        return True
    return True


def _still_valid(previous: StudentRecord | None, digest: str, fingerprint: str) -> bool:
    """Whether an earlier result can stand: graded completely, from the same files and the same grading.
    A task that could not be graded (no dataset, no PyTorch) is tried again on every run."""
    return (previous is not None and previous.graded and previous.complete
            and previous.content_hash == digest and previous.fingerprint == fingerprint)


# -- files ------------------------------------------------------------------------------------------
def read_report(folder: Path) -> dict | None:
    """A student's report.json as JSON data (None if there is none, or it is not JSON)."""
    try:
        report = json.loads((Path(folder) / REPORT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return report if isinstance(report, dict) else None


def read_record(folder: Path) -> StudentRecord | None:
    """A student's report.json (None if there is none, or it is not one)."""
    data = read_report(folder)
    try:
        return StudentRecord.from_dict(data) if data is not None else None
    except (KeyError, TypeError, ValueError):
        return None


class Ledger:
    """The results a class run published, signed (HMAC-SHA256) with a key kept outside the class folder.

    A later run reuses a student's results only if they are still the ones it signed: a process the
    student's code left behind (possible without bubblewrap) that rewrites report.json cannot make
    the next run keep its forged grade. The key is in the grading user's state folder
    (``$XDG_STATE_HOME/dlgrade/ledger.key``), where the worker's guard rails refuse to read.
    """

    def __init__(self, out: Path):
        self.out, self.path = Path(out), Path(out) / LEDGER
        self.key = _ledger_key()
        try:
            entries = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            entries = {}
        self.entries: dict[str, str] = entries if isinstance(entries, dict) else {}

    def _signature(self, student: str) -> str | None:
        if self.key is None:
            return None
        mac = hmac.new(self.key, student.encode("utf-8", "surrogateescape"), hashlib.sha256)
        for name in SIGNED_FILES:
            path = self.out / STUDENTS / student / name
            data = path.read_bytes() if path.is_file() else b""
            mac.update(f"\0{name}\0{len(data)}\0".encode())
            mac.update(data)
        return mac.hexdigest()

    def sign(self, student: str) -> None:
        """Record the student's published files (call after publish)."""
        signature = self._signature(student)
        if signature is not None:
            self.entries[student] = signature
            _write_json(self.path, self.entries)

    def vouches_for(self, student: str) -> bool:
        """Whether the student's files are the ones a run of this kit published and signed."""
        signature = self._signature(student)
        return signature is not None and hmac.compare_digest(self.entries.get(student, ""), signature)


def _ledger_key() -> bytes | None:
    """This user's ledger key, made on first use (None where it cannot be kept: nothing is then reused)."""
    state = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state") / "dlgrade"
    path = state / "ledger.key"
    try:
        if not path.is_file():
            state.mkdir(parents=True, exist_ok=True)
            temporary = state / f".ledger.key.{os.getpid()}"
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(secrets.token_bytes(32))
            try:
                os.link(temporary, path)   # atomic: of two runs making it at once, one key wins
            except FileExistsError:
                pass
            finally:
                temporary.unlink()
        key = path.read_bytes()
    except OSError:
        return None
    return key if len(key) >= 16 else None


def publish(partial: Path, folder: Path) -> None:
    """Move a finished grading's files into the student's folder, each atomically, report.json last."""
    folder.mkdir(parents=True, exist_ok=True)
    files = sorted((p for p in partial.rglob("*") if p.is_file() and p.name != "grader.log"),
                   key=lambda p: (p.name == REPORT, str(p)))
    for path in files:
        target = folder / path.relative_to(partial)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)


def _write_json(path: Path, data: dict) -> None:
    write_atomically(path, json.dumps(data, indent=2, sort_keys=True) + "\n")


# -- one submission, in its own grader process ---------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    """``python -m graders.classroom.grading FOLDER OUT ...``: grade one submission, write its files to OUT."""
    parser = argparse.ArgumentParser(prog="python -m graders.classroom.grading")
    parser.add_argument("submission", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--student", required=True)
    parser.add_argument("--tasks", required=True)
    parser.add_argument("--tiers", default=",".join(TIERS))
    parser.add_argument("--points", type=Path)
    parser.add_argument("--max-call-timeout", type=float)
    parser.add_argument("--jobs", type=int, default=1, help="tasks graded at once")
    parser.add_argument("--note", action="append", default=[])
    parser.add_argument("--mistakes", type=Path, help="the known mistakes' verdicts: name the one each task behaves like")
    parser.add_argument("--parent", type=int, help="the class run's pid: this grader dies with it")
    args = parser.parse_args(argv)
    if args.parent is not None:
        sandbox.die_with_parent(args.parent)
    args.out.mkdir(parents=True, exist_ok=True)
    report = grade(args.submission, args.tasks.split(","), tiers=tuple(args.tiers.split(",")),
                   points_file=args.points, artifacts=args.out / "plots", max_call_timeout=args.max_call_timeout,
                   jobs=args.jobs)
    report.submission = args.student
    report.notes[:0] = args.note
    if args.mistakes is not None:
        diagnosis.diagnose_report(report, diagnosis.load(args.mistakes))
    gradescope.write_results(report, args.out / "results.json", load_visibility(args.points))
    (args.out / "feedback.txt").write_text(feedback_text(report), encoding="utf-8")
    (args.out / FEEDBACK_PAGE).write_text(feedback_page(report, args.out / "plots"), encoding="utf-8")
    if (args.out / "plots").is_dir() and not any((args.out / "plots").iterdir()):
        (args.out / "plots").rmdir()
    _write_json(args.out / REPORT, StudentRecord(args.student, State.GRADED, report).to_dict())
    return 0


if __name__ == "__main__":
    sys.exit(main())
