"""The kit's ``dlgrade`` command: the student's commands, and the instructor's."""
from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from graders.cli.common import EXIT_CODES, console, submission_dir, task_list
from graders.cli.data import data
from graders.cli.student import check, doctor, list_tasks
from graders.engine import sandbox


class LazyGroup(click.Group):
    """A group whose instructor commands are imported when one of them runs (or help lists them): the
    student's and the grader's commands (check, grade) skip their imports, 70 ms of every run."""

    #: command name -> "module:attribute" of its click command
    LAZY = {"grade-class": "graders.classroom.commands:grade_class_command", "sync": "graders.authoring.commands:sync",
            "release": "graders.authoring.commands:release_command",
            "nbgrader": "graders.notebooks.commands:nbgrader_command",
            "extract": "graders.notebooks.commands:extract_command",
            "export": "graders.gradebooks.commands:export_command",
            "gradescope": "graders.gradebooks.commands:gradescope_command"}

    def list_commands(self, ctx):
        return sorted({*super().list_commands(ctx), *self.LAZY})

    def get_command(self, ctx, name):
        if name in self.LAZY and name not in self.commands:
            module, attribute = self.LAZY[name].split(":")
            self.add_command(getattr(importlib.import_module(module), attribute), name)
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup)
@click.version_option(package_name="dlgrade")
def main():
    """Exercises and graders for a first course in deep learning."""


@click.command(name="grade", epilog=EXIT_CODES.format(
    passed="", failed="1, 2  the grader could not run (a bad option, folder or points file)"))
@click.argument("submission", default="exercises")
@click.option("--tasks", "task_ids", help="comma-separated task ids (default: all)")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="write Gradescope results.json here")
@click.option("--feedback", "feedback_path", type=click.Path(dir_okay=False), help="write text feedback here")
@click.option("--points", "points_path", type=click.Path(exists=True, dir_okay=False),
              help="points file (default: graders/points.toml)")
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="write results.json, feedback.txt, feedback.html and plots (PNG) into this folder")
@click.option("--public-only", is_flag=True, help="run only the public checks")
@click.option("--jobs", type=click.IntRange(min=1), help="tasks graded at once (default: one per core)")
@click.option(sandbox.UNSAFE_FLAG, "unsafe_no_sandbox", is_flag=True, help=sandbox.UNSAFE_HELP)
def grade_command(submission, task_ids, json_path, feedback_path, points_path, out_dir, public_only, jobs,
                  unsafe_no_sandbox):
    """Grade a submission folder with the public and hidden graders."""
    from graders.engine.runner import default_jobs, grade
    from graders.gradebooks.gradescope import write_results
    from graders.points import ConfigError, load_visibility
    from graders.report import feedback_text, print_table

    tiers = ("public",) if public_only else ("public", "hidden")
    if out_dir:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        json_path = json_path or str(Path(out_dir) / "results.json")
        feedback_path = feedback_path or str(Path(out_dir) / "feedback.txt")
    try:
        sandbox.refuse_unsandboxed(submission_dir(submission), unsafe_no_sandbox)
        visibility = load_visibility(points_path)
        report = grade(submission_dir(submission), task_list(task_ids), tiers=tiers,
                       points_file=points_path, artifacts=Path(out_dir) if out_dir else None,
                       jobs=jobs or default_jobs())
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    print_table(report, console)
    if json_path:
        write_results(report, Path(json_path), visibility)
    if feedback_path:
        Path(feedback_path).write_text(feedback_text(report), encoding="utf-8")
    if out_dir:
        from graders.pages.render import FEEDBACK_PAGE, feedback_page

        (Path(out_dir) / FEEDBACK_PAGE).write_text(feedback_page(report, Path(out_dir)), encoding="utf-8")
    sys.exit(0 if report.complete else 3)


for _command in (check, grade_command, list_tasks, doctor, data):
    main.add_command(_command)

if __name__ == "__main__":
    main()
