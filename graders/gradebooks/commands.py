"""``dlgrade export`` (a graded class into Gradescope, PrairieLearn, JUnit, Canvas or Moodle) and
``dlgrade gradescope`` (the autograder Gradescope runs for each submission)."""
from __future__ import annotations

import sys

import click
from rich.console import Console

from graders.cli.common import CannotRun, task_list
from graders.engine import sandbox
from graders.gradebooks.export import FORMATS

console = Console(highlight=False, soft_wrap=True)
#: Measured with benchmarks/gradescope_limits.py (PyTorch in the grader and in the student's worker).
MLP_MEMORY_NOTE = ("grading the mlp task takes about 750 MB at its peak, at the edge of Gradescope's default "
                   "768 MB: give the autograder more memory in the assignment's settings if your plan allows, "
                   "or grade mlp in an assignment of its own, or with grade-class")


@click.command(name="export", epilog="""\b
Students are known by their submission's folder name. Canvas needs its own ids: give the
gradebook CSV downloaded from Canvas (Grades > Export) as --roster; each folder name is matched
against its SIS Login ID, SIS User ID and ID columns (an e-mail also by the part before @).
For Moodle a roster (Grades > Export > Plain text file) is optional: without one the folder
name is the Username column (map it to username when importing).
\b
Exit status:
  0  every student was exported
  1  some student was left out (named, with the reason)
  2  the export could not run (a bad option, folder or roster)""")
@click.argument("class_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--to", "to", required=True, type=click.Choice(FORMATS), help="the gradebook's format")
@click.option("--out", "out", type=click.Path(), help="where to write (default: CLASS_DIR/export/<format>[.csv])")
@click.option("--roster", type=click.Path(exists=True, dir_okay=False),
              help="the platform's own roster CSV (Canvas: required)")
@click.option("--assignment", default="dlgrade", show_default=True,
              help="the gradebook column's name (Canvas, Moodle)")
@click.option("--points", "points_path", type=click.Path(exists=True, dir_okay=False),
              help="points file graded with (its [gradescope.visibility]; default: graders/points.toml)")
def export_command(class_dir, to, out, roster, assignment, points_path):
    """Export the grades of CLASS_DIR (what `dlgrade grade-class --out` wrote) for a gradebook."""
    from pathlib import Path

    from graders.gradebooks.export import ExportError, export
    from graders.points import ConfigError

    try:
        done = export(Path(class_dir), to, Path(out) if out else None, roster=Path(roster) if roster else None,
                      assignment=assignment, points_file=Path(points_path) if points_path else None)
    except (ExportError, ConfigError) as exc:
        raise CannotRun(str(exc)) from None
    for student, why in sorted(done.left_out.items()):
        console.print(f"[yellow]left out[/yellow] {student}: {why}", markup=True)
    where = done.written[0] if len(done.written) == 1 else f"{len(done.written)} files in {done.out}"
    console.print(f"exported {len(done.students)} student(s) as {to}: {where}" if done.written
                  else f"nothing exported as {to}", markup=False)
    sys.exit(1 if done.left_out else 0)


@click.command(name="gradescope")
@click.argument("out_dir", type=click.Path(file_okay=False))
@click.option("--tasks", "task_ids", help="comma-separated task ids (default: all)")
@click.option("--points", "points_path", type=click.Path(exists=True, dir_okay=False),
              help="points file (default: graders/points.toml)")
@click.option("--time-limit", type=click.IntRange(min=120), default=600, show_default=True,
              help="the assignment's autograder timeout on Gradescope, in seconds (the grade stops a minute "
                   "before it, to report)")
@click.option(sandbox.UNSAFE_FLAG, "unsafe_no_sandbox", is_flag=True,
              help="grade even where bubblewrap does not work in Gradescope's container: the student's code "
                   "can then read the reference solutions (docs/isolation.md)")
def gradescope_command(out_dir, task_ids, points_path, time_limit, unsafe_no_sandbox):
    """Build Gradescope's autograder.zip in OUT_DIR: upload it as a programming assignment's autograder.

    Gradescope runs its setup.sh once (Python, bubblewrap, the kit, PyTorch's CPU build, MNIST) and
    its run_autograder for each submission (modules or <task>.ipynb notebooks), which writes
    results.json: one test per check, hidden checks shown after the due date ([gradescope.visibility]
    in the points file), the MNIST accuracy on the leaderboard.
    """
    from pathlib import Path

    from graders import tasks
    from graders.gradebooks.autograder import Settings, build_bundle
    from graders.points import ConfigError, load_points, load_visibility

    try:
        load_points(Path(points_path) if points_path else None)
        load_visibility(Path(points_path) if points_path else None)
    except ConfigError as exc:
        raise CannotRun(str(exc)) from None
    settings = Settings(task_list(task_ids) or [t.id for t in tasks.TASKS], time_limit_s=time_limit,
                        unsafe_no_sandbox=unsafe_no_sandbox)
    try:
        bundle = build_bundle(Path(out_dir), settings, Path(points_path) if points_path else None)
    except OSError as exc:
        raise CannotRun(f"cannot write {out_dir} ({exc.strerror or exc}): give a folder you can write to") from None
    console.print(f"wrote {bundle} ({bundle.stat().st_size / 1e6:.1f} MB, {len(settings.tasks)} tasks): upload it "
                  "under Configure Autograder > Zip file upload", markup=False)
    if settings.needs_torch:
        console.print(f"[yellow]note:[/yellow] {MLP_MEMORY_NOTE}", markup=True)
