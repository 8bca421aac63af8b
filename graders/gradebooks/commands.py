"""``dlgrade export``: a graded class into Gradescope, PrairieLearn, JUnit, Canvas or Moodle."""
from __future__ import annotations

import sys

import click
from rich.console import Console

from graders.cli.common import CannotRun
from graders.gradebooks.export import FORMATS

console = Console(highlight=False, soft_wrap=True)


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
