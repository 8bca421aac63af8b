"""What the ``dlgrade`` commands share: the console, and reading a task list or a submission folder."""
from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console

from graders import tasks
from graders.engine.submission import SubmissionShapeError, module_folder

console = Console(highlight=False)


class CannotRun(click.ClickException):
    """The command could not run (a bad folder or file): its one-line message, exit status 2, which
    commands whose status 1 means "some student was not graded" keep apart from that."""

    exit_code = 2


def task_list(value: str | None) -> list[str] | None:
    """The task ids in ``value`` ("softmax,gates"; None: all tasks), each checked to be a task."""
    if not value:
        return None
    ids = [t.strip() for t in value.split(",") if t.strip()]
    for task_id in ids:
        try:
            tasks.get(task_id)
        except KeyError as exc:
            raise click.BadParameter(exc.args[0]) from None
    return ids


def submission_dir(path: str) -> Path:
    """The folder with the modules of the submission at ``path`` (it may wrap them in folders)."""
    try:
        folder = module_folder(Path(path))
    except SubmissionShapeError as exc:
        raise click.ClickException(str(exc)) from None
    if folder != Path(path):
        console.print(f"note: the modules are in {folder}", markup=False)
    return folder


EXIT_CODES = """\b
Exit status:
  0  every task was graded{passed}
  {failed}
  3  some task could not be graded on this machine (its line says why and the fix)"""
