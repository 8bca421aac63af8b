"""Benchmark (not a test): what a notebook's check cell costs, beside `dlgrade grade` of the same task.

    python benchmarks/bench_cells.py                      # every numpy task's notebook, reference code
    python benchmarks/bench_cells.py --tasks softmax,gates

For each task, the generated nbgrader notebook is run as nbgrader runs it (every code cell in
order, in one namespace), with the reference's code in its solution cells; every check cell is
timed. Beside it, the same task is graded by ``dlgrade grade`` (worker process, all its checks)
in the same run. Printed: cells, their total and median wall time, the CLI's wall time, and the
ratio of the two totals. Both pass every check on the reference, so they do the same checking.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graders import tasks  # noqa: E402
from graders.engine.runner import grade  # noqa: E402
from graders.notebooks.generate import plan_source  # noqa: E402
from tests.kit import SOLUTIONS  # noqa: E402


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", default=None, help="comma-separated task ids (default: every task but mlp)")
    return parser.parse_args(argv)


def run_notebook(plan) -> list[float]:
    """Every code cell of ``plan``'s notebook in one namespace; the wall time of each check cell."""
    names: dict = {"__name__": "__main__"}
    times = []
    for cell in plan.notebook.cells:
        if cell.cell_type != "code":
            continue
        meta = cell.metadata.get("nbgrader", {})
        code = compile(cell.source, f"<{meta.get('grade_id', 'cell')}>", "exec")
        started = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):   # a passing cell prints one line
            exec(code, names)
        if meta.get("grade") and not meta.get("solution"):
            times.append(time.perf_counter() - started)
    return times


def main(argv=None) -> None:
    args = parse_args(argv)
    plans = {plan.task.id: plan for plan in plan_source()[0]}
    wanted = args.tasks.split(",") if args.tasks else [t.id for t in tasks.TASKS if not t.requires]
    print(f"{'task':<22}{'cells':>6}{'cells s':>9}{'median s':>10}{'CLI s':>8}{'cells/CLI':>11}")
    totals = [0.0, 0.0]
    for task_id in wanted:
        if task_id not in plans:
            continue
        cells = run_notebook(plans[task_id])
        started = time.perf_counter()
        report = grade(SOLUTIONS, [task_id])
        cli = time.perf_counter() - started
        assert report.tasks[0].points == report.tasks[0].max_points, f"{task_id}: the reference lost points"
        totals[0] += sum(cells)
        totals[1] += cli
        print(f"{task_id:<22}{len(cells):>6}{sum(cells):>9.2f}{statistics.median(cells):>10.3f}{cli:>8.2f}"
              f"{sum(cells) / cli:>11.2f}")
    print(f"{'all':<22}{'':>6}{totals[0]:>9.2f}{'':>10}{totals[1]:>8.2f}{totals[0] / totals[1]:>11.2f}")


if __name__ == "__main__":
    main()
