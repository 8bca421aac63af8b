"""The ``dlgrade`` command line."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console

from graders import sandbox, tasks

console = Console(highlight=False)


def _task_list(value: str | None) -> list[str] | None:
    if not value:
        return None
    ids = [t.strip() for t in value.split(",") if t.strip()]
    for task_id in ids:
        try:
            tasks.get(task_id)
        except KeyError as exc:
            raise click.BadParameter(exc.args[0]) from None
    return ids


def _submission_dir(path: str) -> Path:
    """The folder with the modules of the submission at ``path`` (it may wrap them in folders)."""
    from graders.submission import SubmissionShapeError, module_folder

    try:
        folder = module_folder(Path(path))
    except SubmissionShapeError as exc:
        raise click.ClickException(str(exc)) from None
    if folder != Path(path):
        console.print(f"note: the modules are in {folder}", markup=False)
    return folder


@click.group()
@click.version_option(package_name="dlgrade")
def main():
    """Exercises and graders for a first course in deep learning."""


EXIT_CODES = """\b
Exit status:
  0  every task was graded{passed}
  {failed}
  3  some task could not be graded on this machine (its line says why and the fix)"""


@main.command(epilog=EXIT_CODES.format(passed=" and every check passed",
                                       failed="1  a check failed or a task is not attempted yet\n  2  "
                                              "the command could not run (a bad option or folder)"))
@click.argument("task_ids", nargs=-1)
@click.option("--path", default="exercises", show_default=True, help="folder with your modules")
@click.option("--all", "show_all", is_flag=True, help="show every failing check in full, not just the first per task")
def check(task_ids, path, show_all):
    """Run the public self-checks on your exercises (all tasks, or the ones named)."""
    from graders.report import task_details
    from graders.results import Status
    from graders.runner import grade

    ids = _task_list(",".join(task_ids))
    report = grade(_submission_dir(path), ids, tiers=("public",))
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


@main.command(name="grade", epilog=EXIT_CODES.format(
    passed="", failed="1, 2  the grader could not run (a bad option, folder or points file)"))
@click.argument("submission", default="exercises")
@click.option("--tasks", "task_ids", help="comma-separated task ids (default: all)")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="write Gradescope results.json here")
@click.option("--feedback", "feedback_path", type=click.Path(dir_okay=False), help="write text feedback here")
@click.option("--points", "points_path", type=click.Path(exists=True, dir_okay=False),
              help="points file (default: graders/points.toml)")
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="write results.json, feedback.txt and plots (PNG) into this folder")
@click.option("--public-only", is_flag=True, help="run only the public checks")
@click.option(sandbox.UNSAFE_FLAG, "unsafe_no_sandbox", is_flag=True, help=sandbox.UNSAFE_HELP)
def grade_command(submission, task_ids, json_path, feedback_path, points_path, out_dir, public_only,
                  unsafe_no_sandbox):
    """Grade a submission folder with the public and hidden graders."""
    from graders.config import ConfigError
    from graders.report import feedback_text, print_table, write_gradescope
    from graders.runner import grade

    tiers = ("public",) if public_only else ("public", "hidden")
    if out_dir:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        json_path = json_path or str(Path(out_dir) / "results.json")
        feedback_path = feedback_path or str(Path(out_dir) / "feedback.txt")
    try:
        sandbox.refuse_unsandboxed(_submission_dir(submission), unsafe_no_sandbox)
        report = grade(_submission_dir(submission), _task_list(task_ids), tiers=tiers,
                       points_file=points_path, artifacts=Path(out_dir) if out_dir else None)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    print_table(report, console)
    if json_path:
        write_gradescope(report, Path(json_path))
    if feedback_path:
        Path(feedback_path).write_text(feedback_text(report), encoding="utf-8")
    sys.exit(0 if report.complete else 3)


@main.command()
@click.option("--check", "check_only", is_flag=True, help="only report stubs that are out of date")
@click.option("--solutions", default="solutions", show_default=True)
@click.option("--exercises", default="exercises", show_default=True)
def sync(check_only, solutions, exercises):
    """Regenerate exercises/ (the student stubs) from solutions/."""
    from graders.sync import MarkerError, stale_files, write_exercises

    try:
        changed = (stale_files if check_only else write_exercises)(Path(solutions), Path(exercises))
    except MarkerError as exc:
        raise click.ClickException(str(exc)) from None
    if check_only and changed:
        console.print(f"[red]out of date:[/red] {', '.join(changed)}; run `dlgrade sync`")
        sys.exit(1)
    console.print(f"{'updated' if changed else 'up to date'}: {', '.join(changed) or exercises}")


@main.command(name="list")
def list_tasks():
    """List the tasks, their titles and points."""
    from graders.config import load_points

    points = load_points()
    for task in tasks.TASKS:
        console.print(f"{task.id:<20} {points.get(task.id).points if task.id in points else 0:>5g}  {task.title}")


@main.command(epilog="""\b
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

    from graders.doctor import run_checks

    failed = False
    for item in run_checks():
        mark = "[green]ok[/green]  " if item.ok else "[red]FAIL[/red]" if item.required else "[yellow]warn[/yellow]"
        console.print(f"{mark} {item.name:<18} {escape(item.detail)}")
        if not item.ok and item.fix:
            console.print(f"       fix: {item.fix}", markup=False)
        failed = failed or (item.required and not item.ok)
    sys.exit(1 if failed else 0)


def _add_command_modules() -> None:
    """Commands that live in their own modules (``graders/cli_*.py``, each with COMMANDS)."""
    import importlib
    import pkgutil

    import graders

    for info in pkgutil.iter_modules(graders.__path__):
        if info.name.startswith("cli_"):
            for command in importlib.import_module(f"graders.{info.name}").COMMANDS:
                main.add_command(command)


_add_command_modules()

if __name__ == "__main__":
    main()
