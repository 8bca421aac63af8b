"""The ``dlgrade`` command line."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console

from graders import tasks

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
    folder = Path(path)
    if not folder.is_dir():
        raise click.BadParameter(f"'{path}' is not a folder. Give the folder that holds the "
                                 "student's modules (gates.py, softmax.py, ...).")
    return folder


@click.group()
@click.version_option(package_name="dlgrade")
def main():
    """Exercises and graders for a first course in deep learning."""


@main.command()
@click.argument("task_ids", nargs=-1)
@click.option("--path", default="exercises", show_default=True, help="folder with your modules")
def check(task_ids, path):
    """Run the public self-checks on your exercises (all tasks, or the ones named)."""
    from graders.report import task_feedback
    from graders.runner import grade

    ids = _task_list(",".join(task_ids))
    report = grade(_submission_dir(path), ids, tiers=("public",))
    for task in report.tasks:
        if not task.checks:
            continue
        passed = sum(c.verdict.passed for c in task.checks)
        colour = {"passed": "green", "not attempted": "dim"}.get(task.status, "red")
        console.print(f"[{colour}]{task.task:<20} {passed}/{len(task.checks)} checks  {task.status}[/{colour}]")
        if task.status not in ("passed", "not attempted"):
            console.print(task_feedback(task, first_only=True).split("\n", 1)[-1], markup=False, soft_wrap=True)
    for note in report.notes:
        console.print(f"[yellow]note:[/yellow] {note}")
    sys.exit(0 if all(t.status == "passed" for t in report.tasks if t.checks) else 1)


@main.command(name="grade")
@click.argument("submission", default="exercises")
@click.option("--tasks", "task_ids", help="comma-separated task ids (default: all)")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="write Gradescope results.json here")
@click.option("--feedback", "feedback_path", type=click.Path(dir_okay=False), help="write text feedback here")
@click.option("--points", "points_path", type=click.Path(exists=True, dir_okay=False),
              help="points file (default: graders/points.toml)")
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="write results.json, feedback.txt and plots (PNG) into this folder")
@click.option("--public-only", is_flag=True, help="run only the public checks")
def grade_command(submission, task_ids, json_path, feedback_path, points_path, out_dir, public_only):
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
        report = grade(_submission_dir(submission), _task_list(task_ids), tiers=tiers,
                       points_file=points_path, artifacts=Path(out_dir) if out_dir else None)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    print_table(report, console)
    if json_path:
        write_gradescope(report, Path(json_path))
    if feedback_path:
        Path(feedback_path).write_text(feedback_text(report), encoding="utf-8")


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


@main.command()
def doctor():
    """Check this machine: Python, libraries, PyTorch device, datasets, nbgrader, sandbox."""
    from graders.doctor import run_checks

    problems = 0
    for item in run_checks():
        mark = "[green]ok[/green]  " if item.ok else "[red]FAIL[/red]"
        console.print(f"{mark} {item.name:<18} {item.detail}")
        if not item.ok and item.fix:
            console.print(f"       fix: {item.fix}", markup=False)
            problems += item.required
    sys.exit(1 if problems else 0)


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
