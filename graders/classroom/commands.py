"""``dlgrade grade-class``: grade a folder of submissions, one per student."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from graders.cli.common import CannotRun, task_list
from graders.engine import sandbox
from graders.results import State

console = Console(highlight=False, soft_wrap=True)


@click.command(name="grade-class", epilog="""\b
Exit status:
  0  every submission was graded completely
  1  some submission could not be graded (grades.csv's problem column says why)
  2  the command could not run (a bad option or folder)
  3  every submission was graded, but some task could not be graded on this machine
     (no dataset, no PyTorch): grades.csv says which; run again once it is fixed""")
@click.argument("submissions_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="folder for grades.csv, summary.md, totals.png and students/<student>/")
@click.option("--workers", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default=True,
              help="submissions graded at the same time (with fewer submissions, each grades its tasks "
                   "on the spare workers' cores)")
@click.option("--tasks", "task_ids", help="comma-separated task ids (default: all)")
@click.option("--points", "points_path", type=click.Path(exists=True, dir_okay=False),
              help="points file (default: graders/points.toml)")
@click.option("--public-only", is_flag=True, help="run only the public checks")
@click.option("--max-call-timeout", type=click.FloatRange(min=0.1), default=None,
              help="cap every time limit on student code (seconds)")
@click.option("--regrade", is_flag=True, help="grade every submission again, changed or not")
@click.option("--diagnose", is_flag=True,
              help="name the known mistake (tests/variants/) a task's code behaves like, in its feedback and on the "
                   "dashboard; the catalogue is graded first, once, into OUT/mistakes/ (minutes for every task)")
@click.option(sandbox.UNSAFE_FLAG, "unsafe_no_sandbox", is_flag=True, help=sandbox.UNSAFE_HELP)
def grade_class_command(submissions_dir, out_dir, workers, task_ids, points_path, public_only,
                        max_call_timeout, regrade, diagnose, unsafe_no_sandbox):
    """Grade every submission in SUBMISSIONS_DIR (one folder, .zip or .tar per student).

    Unchanged submissions keep their earlier results, so an interrupted run goes on
    where it stopped. Writes grades.csv, summary.md, totals.png, dashboard.html and, per
    student, feedback.txt, feedback.html and Gradescope's results.json.
    """
    from graders.classroom.grading import ClassError, grade_class
    from graders.points import ConfigError

    tiers = ("public",) if public_only else ("public", "hidden")
    out = Path(out_dir)
    try:
        sandbox.refuse_unsandboxed(Path(submissions_dir), unsafe_no_sandbox)
    except ConfigError as exc:
        raise CannotRun(str(exc)) from None
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=False) as progress:
        bar = progress.add_task("grading", total=None)

        def on_result(outcome):
            progress.advance(bar)
            if outcome.state is State.FAILED:
                progress.console.print(f"[red]could not grade[/red] {outcome.student}: {outcome.problem}",
                                       markup=True)

        try:
            outcomes = grade_class(Path(submissions_dir), out, task_ids=task_list(task_ids), tiers=tiers,
                                   workers=workers, points_file=points_path,
                                   max_call_timeout=max_call_timeout, regrade=regrade, diagnose=diagnose,
                                   on_start=lambda n: progress.update(bar, total=n), on_result=on_result)
        except (ClassError, ConfigError) as exc:
            raise CannotRun(str(exc)) from None
    counts = {state: sum(o.state is state for o in outcomes) for state in State}
    console.print(f"{len(outcomes)} submissions: {counts[State.GRADED]} graded, {counts[State.REUSED]} unchanged "
                  f"(kept), {counts[State.FAILED]} could not be graded")
    incomplete = [o for o in outcomes if o.not_graded]
    if incomplete:
        tasks_left = sorted({t for o in incomplete for t in o.not_graded})
        console.print(f"[magenta]not graded:[/magenta] {', '.join(tasks_left)} for {len(incomplete)} "
                      "submission(s) (see grades.csv and summary.md); run again once the cause is fixed")
    console.print(f"note: {sandbox.describe()}", markup=False)
    console.print(f"wrote {out / 'grades.csv'}, {out / 'summary.md'}, {out / 'totals.png'}, "
                  f"{out / 'dashboard.html'}, {out / 'students'}/<student>/", markup=False)
    sys.exit(1 if counts[State.FAILED] else 3 if incomplete else 0)
