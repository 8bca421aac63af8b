"""Where a submission's modules are, or one line saying why the folder is not a submission.

A submission is a folder with the task modules of ``exercises/`` (``gates.py``, ``softmax.py``,
...). Students hand them in wrapped in a folder or two (``alice/hw3/exercises/``), as
notebooks, or not at all; ``dlgrade grade`` and ``grade-class`` find the modules the same way
and explain, in one line with the fix, what they could not use.
"""
from __future__ import annotations

from pathlib import Path

from graders import tasks

#: Folders that archives and editors add and that never hold a student's work.
JUNK = {"__MACOSX", "__pycache__", ".ipynb_checkpoints", ".git", ".venv", "venv", "data"}


class SubmissionShapeError(ValueError):
    """The folder holds no task module where one could be graded; the message says the fix."""


def module_folder(folder: Path) -> Path:
    """The folder holding the task modules: ``folder`` itself, or the one folder below it that
    holds them (however deep). Raises SubmissionShapeError with the problem and the fix."""
    folder = Path(folder)
    if not folder.is_dir():
        raise SubmissionShapeError(f"'{folder}' is not a folder: give the folder that holds the student's "
                                   "modules (gates.py, softmax.py, ...)")
    if _task_modules(folder):
        return folder
    holders = sorted({path.parent for path in _candidates(folder, ".py")})
    if len(holders) == 1:
        return holders[0]
    if holders:
        listing = ", ".join(_relative(h, folder) for h in holders[:5])
        raise SubmissionShapeError(f"task modules in more than one folder of {folder.name}/ ({listing}): "
                                   "hand in one folder with every module in it")
    notebooks = sorted(p.name for p in _candidates(folder, ".ipynb"))
    if notebooks:
        raise SubmissionShapeError(f"{folder.name}/ holds notebooks ({', '.join(notebooks[:5])}), not modules: "
                                   f"turn them into modules with `dlgrade extract {folder} OUT` and grade OUT")
    files = [p for p in folder.rglob("*") if p.is_file() and not (set(p.relative_to(folder).parts) & JUNK)]
    if not files:
        raise SubmissionShapeError(f"{folder.name}/ is empty: nothing was handed in")
    shown = ", ".join(_relative(p, folder) for p in sorted(files)[:5]) + (", ..." if len(files) > 5 else "")
    raise SubmissionShapeError(f"{folder.name}/ holds no task module ({shown}): each task's file must keep "
                               "its name from exercises/ (gates.py, softmax.py, ...)")


def _task_modules(folder: Path) -> list[Path]:
    return [folder / f"{task.id}.py" for task in tasks.TASKS if (folder / f"{task.id}.py").is_file()]


def _candidates(folder: Path, suffix: str) -> list[Path]:
    """Files named after a task, with ``suffix``, anywhere below ``folder`` outside junk folders."""
    names = {f"{task.id}{suffix}" for task in tasks.TASKS}
    return [path for path in folder.rglob(f"*{suffix}") if path.name in names and path.is_file()
            and not (set(path.relative_to(folder).parts[:-1]) & JUNK)]


def _relative(path: Path, folder: Path) -> str:
    relative = path.relative_to(folder).as_posix()
    return f"{relative}/" if path.is_dir() else relative
