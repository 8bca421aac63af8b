"""``dlgrade nbgrader`` and ``dlgrade extract``: the kit through nbgrader."""
from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from graders.cli.common import task_list

console = Console(highlight=False, soft_wrap=True)


@click.command(name="nbgrader")
@click.argument("course_dir", type=click.Path(file_okay=False))
@click.option("--tasks", "task_ids", help="comma-separated task ids (default: every task with a reference)")
@click.option("--course-id", default="deep-learning", show_default=True,
              help="nbgrader course id, written into a new nbgrader_config.py")
@click.option("--points", "points_path", type=click.Path(exists=True, dir_okay=False),
              help="points file (default: graders/points.toml)")
def nbgrader_command(course_dir, task_ids, course_id, points_path):
    """Write an nbgrader course: source notebooks (one assignment per topic) and its config.

    Safe to run again after changing solutions/, the graders or the points: the notebooks
    and the kit's settings are regenerated (same source, same bytes); nbgrader_config.py
    is yours and is only created when missing.
    """
    from graders.notebooks.course import write_course
    from graders.notebooks.generate import GenerationError
    from graders.points import ConfigError

    try:
        summary = write_course(Path(course_dir), course_id, task_list(task_ids),
                               Path(points_path) if points_path else None)
    except (ConfigError, GenerationError) as exc:
        raise click.ClickException(str(exc)) from None
    table = Table(title=f"nbgrader source in {Path(course_dir) / 'source'}")
    for column, justify in (("assignment", "left"), ("notebook", "left"), ("checks", "right"),
                            ("points", "right")):
        table.add_column(column, justify=justify)
    for assignment, plans in summary.assignments().items():
        for plan in plans:
            table.add_row(assignment, plan.path.name, str(len(plan.checks)), f"{plan.points:g}")
        table.add_row("", "", "", f"[bold]{sum(p.points for p in plans):g}[/bold]")
    console.print(table)
    for task_id, reason in summary.left_out.items():
        console.print(f"[yellow]note:[/yellow] no notebook for {task_id}: {reason}")
    console.print(f"{len(summary.changed)} file(s) written" if summary.changed else "up to date")
    console.print(f"next: cd {course_dir} && nbgrader generate_assignment <assignment>", markup=False)


@click.command(name="extract")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.argument("out_dir", type=click.Path(file_okay=False))
def extract_command(folder, out_dir):
    """Turn a student's notebooks (<task>.ipynb in FOLDER) into modules `dlgrade grade OUT_DIR` grades.

    The same code nbgrader grades in the notebook, graded in isolated worker processes.
    """
    from graders.notebooks.generate import extract_modules

    out = Path(out_dir)
    written, unreadable = extract_modules(Path(folder), out)
    for problem in unreadable:
        console.print(f"[red]left out:[/red] {problem}", markup=True, highlight=False)
    if not written:
        raise click.ClickException(f"no task notebook (<task>.ipynb) could be read in {folder}")
    console.print(f"{', '.join(written)} -> {out}; grade with: dlgrade grade {out} --tasks {','.join(written)}",
                  markup=False)
