"""The student's ``dlgrade`` commands (``check``, ``list``, ``doctor``, ``data``), and the student
release's ``dlgrade`` group.

The release has no reference solutions and no hidden graders, so ``grade`` and ``sync``
would be meaningless there (``grade`` would score the public checks alone); they answer
with what to run instead. The release is the distribution ``dlgrade-student``.
"""
from __future__ import annotations

import sys

import click

from graders import tasks
from graders.cli.common import EXIT_CODES, console, submission_dir, task_list
from graders.cli.data import data
from graders.points import load_points
from graders.report import task_details
from graders.results import Status


@click.command(epilog=EXIT_CODES.format(passed=" and every check passed",
                                       failed="1  a check failed or a task is not attempted yet\n  2  "
                                              "the command could not run (a bad option or folder)"))
@click.argument("task_ids", nargs=-1)
@click.option("--path", default="exercises", show_default=True, help="folder with your modules")
@click.option("--all", "show_all", is_flag=True, help="show every failing check in full, not just the first per task")
def check(task_ids, path, show_all):
    """Run the public self-checks on your exercises (all tasks, or the ones named)."""
    from graders.engine.runner import default_jobs, grade  # start-up time: pytest and numpy

    ids = task_list(",".join(task_ids))
    report = grade(submission_dir(path), ids, tiers=("public",), jobs=default_jobs())
    for task in report.tasks:
        colour = {Status.PASSED: "green", Status.NOT_ATTEMPTED: "dim",
                  Status.NOT_GRADED: "magenta"}.get(task.status, "red")
        if not task.graded:
            console.print(f"[{colour}]{task.task:<20} not graded[/{colour}]")
            console.print(f"    {task.not_graded}", markup=False, soft_wrap=True)
            continue
        passed = sum(c.verdict.passed for c in task.checks)
        counted = sum(c.verdict.counted for c in task.checks)
        console.print(f"[{colour}]{task.task:<20} {passed}/{counted} checks  {task.status}[/{colour}]")
        if task.status not in (Status.PASSED, Status.NOT_ATTEMPTED):
            console.print("\n".join(task_details(task, first_only=not show_all)), markup=False, soft_wrap=True)
    for note in report.notes:
        console.print(f"[yellow]note:[/yellow] {note}")
    if any(t.status is not Status.PASSED for t in report.tasks if t.graded):
        sys.exit(1)
    sys.exit(0 if report.complete else 3)


@click.command(name="list")
def list_tasks():
    """List the tasks, their titles and points."""
    points = load_points()
    for task in tasks.TASKS:
        console.print(f"{task.id:<20} {points.get(task.id).points if task.id in points else 0:>5g}  {task.title}")


@click.command(epilog="""\b
Required (a FAIL line; the exit status is 1):
  Python 3.10 or newer; numpy, pytest, hypothesis, matplotlib; a complete kit
  (the instructor's kit with its reference solutions and hidden checks, or the student release).
Optional (a warn line; the exit status stays 0):
  PyTorch and the datasets, for the mlp task; for instructors, nbgrader, bubblewrap
  and a GPU that student code reaches.""")
def doctor():
    """Check this machine: Python, libraries, PyTorch device, datasets, nbgrader, sandbox.

    Each line is ok, FAIL (something required is missing) or warn (something optional is
    missing), and a line that is not ok is followed by its fix.
    """
    from rich.markup import escape

    from graders.env.doctor import run_checks

    failed = False
    for item in run_checks():
        mark = "[green]ok[/green]  " if item.ok else "[red]FAIL[/red]" if item.required else "[yellow]warn[/yellow]"
        console.print(f"{mark} {item.name:<18} {escape(item.detail)}")
        if not item.ok and item.fix:
            console.print(f"       fix: {item.fix}", markup=False)
        failed = failed or (item.required and not item.ok)
    sys.exit(1 if failed else 0)


@click.group()
@click.version_option(package_name="dlgrade-student", message="%(package)s %(version)s")
def main():
    """Exercises and self-checks for a first course in deep learning."""


for _command in (check, list_tasks, doctor, data):
    main.add_command(_command)


def _instructors_only(name: str, what: str) -> click.Command:
    @click.command(name=name, context_settings={"ignore_unknown_options": True},
                   help=f"(instructors only) {what}")
    @click.argument("args", nargs=-1, type=click.UNPROCESSED)
    def command(args):
        raise click.ClickException(
            f"`dlgrade {name}` is for instructors: it needs the course's model solutions and "
            "hidden checks, which the student kit does not have. Run `dlgrade check` to run "
            "the self-checks on your exercises/.")
    return command


main.add_command(_instructors_only("grade", "grade a submission with the hidden graders"))
main.add_command(_instructors_only("sync", "regenerate exercises/ from the reference solutions"))
