"""Naming a student's mistake: "your code behaves like a known mistake".

The kit keeps a catalogue of plausible buggy implementations, ``tests/variants/<task>/<name>.py``,
each with ``MISTAKE``: one sentence that names the mistake and its fix. Grading is deterministic
(hypothesis draws the same examples for every submission), so a variant graded once gets the
verdicts that any code behaving like it gets: the same checks fail, each on the same smallest
failing input, with the same expected and got values in its message. A student's task whose every
verdict (status, message, failing example) equals those of one known mistake is named with that
mistake's sentence. Anything less than that exact match says nothing: a student with two
mistakes, or one the catalogue does not hold, is told only what the checks found.

The catalogue's verdicts are graded on the instructor's side only (the variants are the kit's own
code, run in workers as any submission is), once per grading settings and kit: they are kept in a
JSON file named by a digest of both (:func:`build`), so a second class run reuses them. Left out:
the mlp task, whose verdicts depend on a timed training run, and variants that grade only some
checks (``ONLY``) or bring their own data (``DATA``).
"""
from __future__ import annotations

import ast
import functools
import hashlib
import json
import multiprocessing
import re
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

from graders.engine.plugin import TIERS
from graders.engine.runner import grade
from graders.kit import KIT_ROOT, SOLUTIONS, write_atomically
from graders.results import GradeReport, Status, TaskResult

CATALOGUE = KIT_ROOT / "tests" / "variants"
#: Verdicts that depend on more than the code's behaviour: the mlp task trains against a clock.
NOT_CATALOGUED_TASKS = ("mlp",)
NOT_CATALOGUED_SETTINGS = ("ONLY", "DATA")
#: ", line 72" of the place a worker gives an exception: "(encoding.py, line 72, in one_hot)".
LINE_NUMBER = re.compile(r", line \d+(, in [^)]*\))")


@dataclass(frozen=True)
class KnownMistake:
    task: str
    variant: str
    sentence: str
    verdicts: dict[str, list[str]]   # check -> [status, message, failing example]


def signature(task: TaskResult) -> dict[str, list[str]]:
    """What a task's grade says of the code's behaviour: each check's status, message and failing example.

    Where an exception's message names the line it came from, the line number is left out: it says
    where the code sits in its file (a variant's is appended to the reference), not what it does.
    """
    return {c.check: [str(c.verdict.status), LINE_NUMBER.sub(r"\1", c.verdict.message), c.verdict.example]
            for c in task.checks}


def diagnose(task: TaskResult, known: list[KnownMistake]) -> str:
    """The sentence of the one known mistake the task's verdicts reproduce exactly; '' when none does,
    when mistakes with different sentences do, or when no check failed on a wrong result."""
    if not task.graded:
        return ""
    return match(task.task, signature(task), known)


def match(task_id: str, verdicts: dict[str, list[str]], known: list[KnownMistake]) -> str:
    """:func:`diagnose` on a task's :func:`signature`."""
    if not any(status == Status.FAILED.value for status, _, _ in verdicts.values()):
        return ""
    sentences = {k.sentence for k in known if k.task == task_id and k.verdicts == verdicts}
    return sentences.pop() if len(sentences) == 1 else ""


def diagnose_report(report: GradeReport, known: list[KnownMistake]) -> None:
    """Set each task's ``diagnosis``."""
    for task in report.tasks:
        task.diagnosis = diagnose(task, known)


# -- the catalogue -------------------------------------------------------------------------------
def catalogued(task_ids, keep: Callable[[str, str], bool] | None = None) -> list[tuple[str, Path, str]]:
    """(task, variant file, sentence) of each buggy variant the diagnosis can use, for ``task_ids``;
    ``keep(task, name)`` leaves out those it refuses (a measurement's held-out variants)."""
    found = []
    for task_id in task_ids:
        if task_id in NOT_CATALOGUED_TASKS:
            continue
        for path in sorted((CATALOGUE / task_id).glob("*.py")):
            if path.name.startswith("ok_") or (keep is not None and not keep(task_id, path.stem)):
                continue
            settings = module_constants(path)
            if isinstance(settings.get("MISTAKE"), str) and not any(s in settings for s in NOT_CATALOGUED_SETTINGS):
                found.append((task_id, path, settings["MISTAKE"]))
    return found


def build(task_ids, folder: Path, settings: str, *, tiers=TIERS, points_file: Path | None = None,
          max_call_timeout: float | None = None, jobs: int = 1,
          keep: Callable[[str, str], bool] | None = None) -> tuple[list[KnownMistake], Path]:
    """The known mistakes of ``task_ids`` graded under these settings, and the file they are kept in
    (``folder/<digest>.json``: read back when it is there, else graded, ``jobs`` variants at a time).
    ``settings``: a digest of everything else a grade depends on (the class run's fingerprint)."""
    variants = catalogued(task_ids, keep)
    digest = hashlib.sha256(settings.encode())
    for task_id, path, sentence in variants:
        digest.update(f"\0{task_id}/{path.name}\0{sentence}\0".encode() + path.read_bytes())
    path = Path(folder) / f"{digest.hexdigest()[:16]}.json"
    if path.is_file():
        return load(path), path
    grade_one = functools.partial(_variant_verdicts, tiers=tuple(tiers), points_file=points_file,
                                  max_call_timeout=max_call_timeout)
    if jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            known = list(pool.map(grade_one, variants))
    else:
        known = list(map(grade_one, variants))
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, json.dumps([asdict(k) for k in known], indent=1) + "\n")
    return known, path


def load(path: Path) -> list[KnownMistake]:
    return [KnownMistake(**entry) for entry in json.loads(Path(path).read_text(encoding="utf-8"))]


def variant_source(task_id: str, variant: Path, base: Path = SOLUTIONS) -> str:
    """The task's module of ``base`` (the reference) with the variant's definitions appended (they replace
    the module's)."""
    return ((base / f"{task_id}.py").read_text(encoding="utf-8") + "\n\n# --- variant ---\n"
            + variant.read_text(encoding="utf-8"))


def module_constants(path: Path) -> dict:
    """The literals assigned at the top level of a Python file (CAUGHT_BY, MISTAKE, ...)."""
    found = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                found[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                continue
    return found


def _variant_verdicts(variant: tuple[str, Path, str], tiers, points_file, max_call_timeout) -> KnownMistake:
    task_id, path, sentence = variant
    with tempfile.TemporaryDirectory(prefix="dlgrade-mistake-") as folder:
        submission = Path(folder)
        for module in SOLUTIONS.glob("*.py"):
            (submission / module.name).write_bytes(module.read_bytes())
        (submission / f"{task_id}.py").write_text(variant_source(task_id, path), encoding="utf-8")
        report = grade(submission, [task_id], tiers=tiers, points_file=points_file, max_call_timeout=max_call_timeout)
    (task,) = report.tasks
    return KnownMistake(task_id, path.stem, sentence, signature(task))
