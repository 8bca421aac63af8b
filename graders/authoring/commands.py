"""``dlgrade sync`` and ``dlgrade release``: the stubs from the references, and the student release."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from graders.authoring import examples
from graders.authoring.release import ReleaseError, build_release
from graders.authoring.sync import MarkerError, stale_files, write_exercises
from graders.cli.common import console


@click.command()
@click.option("--check", "check_only", is_flag=True, help="only report stubs and records that are out of date")
@click.option("--solutions", default="solutions", show_default=True)
@click.option("--exercises", default="exercises", show_default=True)
def sync(check_only, solutions, exercises):
    """Regenerate exercises/ (the student stubs) from solutions/, and the checks' recorded examples
    (graders/<tier>/examples/) from a grade of the reference."""
    try:
        changed = (stale_files if check_only else write_exercises)(Path(solutions), Path(exercises))
    except MarkerError as exc:
        raise click.ClickException(str(exc)) from None
    with console.status("drawing the checks' examples (grading the reference)"):
        try:
            drawn = examples.draw()
        except RuntimeError as exc:
            raise click.ClickException(str(exc)) from None
    changed += drawn.differing() if check_only else examples.write(drawn)
    if drawn.unrecorded:
        console.print(f"hypothesis draws the examples of these checks in every grade (their arguments cannot be "
                      f"recorded exactly, or they call assume): {', '.join(drawn.unrecorded)}", markup=False)
    if check_only and changed:
        console.print(f"[red]out of date:[/red] {', '.join(changed)}; run `dlgrade sync`")
        sys.exit(1)
    console.print(f"{'updated' if changed else 'up to date'}: {', '.join(changed) or exercises}")


@click.command(name="release")
@click.argument("out_dir", type=click.Path(file_okay=False))
@click.option("--no-archive", is_flag=True, help="write the folder only, no .tar.gz")
def release_command(out_dir, no_archive):
    """Build the student release: exercises, public self-checks and `dlgrade check`, no solutions."""
    try:
        release = build_release(Path(out_dir), archive=not no_archive)
    except ReleaseError as exc:
        console.print(f"[red]{exc}[/red]")
        sys.exit(1)
    console.print(f"{len(release.files)} files in {release.folder}", markup=False)
    if release.archive:
        console.print(f"archive: {release.archive}", markup=False)
    console.print(f"a student runs: tar xzf {release.folder.name}.tar.gz && cd {release.folder.name} "
                  "&& python -m pip install -e . && dlgrade check", markup=False)
