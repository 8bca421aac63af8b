"""Benchmark (not a test): ``nbgrader autograde`` of the kit's notebooks beside ``dlgrade grade`` of the same code.

    python benchmarks/bench_nbgrader.py                 # every numpy task
    python benchmarks/bench_nbgrader.py --tasks softmax,gates -n 3

In a temporary course folder: ``dlgrade nbgrader`` writes the source notebooks, ``nbgrader
generate_assignment`` the release, and one student hands in every notebook with the reference's
code in its solution cells. Timed, in turn and ``-n`` times (medians): ``nbgrader autograde`` of
every assignment (a Jupyter kernel per notebook, each check cell one pytest session) and
``dlgrade grade`` of the reference's modules on the same tasks, with ``--jobs 1`` and with the
default (one task per core). Both give the reference full marks (checked), so they do the same
checking. Needs the ``nbgrader`` extra.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KIT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(KIT))

import nbformat  # noqa: E402

from graders import tasks  # noqa: E402
from graders.notebooks.course import write_course  # noqa: E402
from tests.test_nbgrader_roundtrip import nbgrader, solved  # noqa: E402

STUDENT = "reference"


def hand_in(course: Path, assignments: list[str]) -> None:
    """The student's copy of every release notebook, solved with the reference's code."""
    for assignment in assignments:
        folder = course / "submitted" / STUDENT / assignment
        folder.mkdir(parents=True)
        for release in sorted((course / "release" / assignment).glob("*.ipynb")):
            source = nbformat.read(course / "source" / assignment / release.name, as_version=4)
            nbformat.write(solved(nbformat.read(release, as_version=4), source), folder / release.name)


def autograde(course: Path, assignments: list[str]) -> float:
    """Wall seconds of ``nbgrader autograde`` of every assignment (from scratch: --force)."""
    started = time.perf_counter()
    for assignment in assignments:
        nbgrader(course, "autograde", assignment, "--force")
    return time.perf_counter() - started


def dlgrade(task_ids: list[str], jobs: int | None) -> float:
    argv = [sys.executable, "-m", "graders", "grade", "solutions", "--tasks", ",".join(task_ids)]
    started = time.perf_counter()
    done = subprocess.run(argv + (["--jobs", str(jobs)] if jobs else []), cwd=KIT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return time.perf_counter() - started


def full_marks(course: Path) -> bool:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "bench") as gradebook:
        student = gradebook.find_student(STUDENT)
        return all(s.score == s.max_score > 0 for s in student.submissions)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", default=None, help="comma-separated task ids (default: every task but mlp)")
    parser.add_argument("-n", type=int, default=1, help="runs of each (default 1)")
    args = parser.parse_args(argv)
    task_ids = args.tasks.split(",") if args.tasks else [t.id for t in tasks.TASKS if not t.requires]
    with tempfile.TemporaryDirectory(prefix="dlgrade-bench-nbgrader-") as tmp:
        course = Path(tmp) / "course"
        summary = write_course(course, "bench", task_ids)
        assignments = sorted({plan.task.assignment for plan in summary.plans})
        for assignment in assignments:
            nbgrader(course, "generate_assignment", assignment)
        hand_in(course, assignments)
        runs = {"nbgrader autograde": [], "dlgrade grade --jobs 1": [], "dlgrade grade": []}
        for _ in range(args.n):
            runs["nbgrader autograde"].append(autograde(course, assignments))
            runs["dlgrade grade --jobs 1"].append(dlgrade(task_ids, 1))
            runs["dlgrade grade"].append(dlgrade(task_ids, None))
        assert full_marks(course), "nbgrader did not give the reference full marks"
    medians = {name: statistics.median(times) for name, times in runs.items()}
    print(f"{os.cpu_count()} cores; {len(task_ids)} tasks in {len(assignments)} assignments; medians of {args.n}")
    for name, wall in medians.items():
        print(f"{name:<24}{wall:>8.2f} s")
    base = medians["nbgrader autograde"]
    print(f"dlgrade grade is {base / medians['dlgrade grade --jobs 1']:.1f}x faster than nbgrader autograde with "
          f"--jobs 1, {base / medians['dlgrade grade']:.1f}x with a task per core (goal >= 10x)")


if __name__ == "__main__":
    main()
