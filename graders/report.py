"""Show a :class:`~graders.runner.GradeReport`: a terminal table, feedback text, Gradescope JSON."""
from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console
from rich.table import Table

from graders.runner import CheckResult, GradeReport, TaskResult

STYLE = {"passed": "green", "partial": "yellow", "failed": "red", "not attempted": "dim",
         "missing": "red", "not run": "yellow"}


def check_feedback(check: CheckResult) -> str:
    """A few lines for one failed (or not run) check."""
    v = check.verdict
    title = f"{check.task} / {check.check}"
    if check.description:
        title += f" ({check.description})"
    lines = [f"{v.status.upper()}: {title}"]
    lines += [f"    {line}" for line in v.message.splitlines()]
    if v.example:
        lines.append(f"    smallest failing input: {v.example}")
    if v.hint:
        lines.append(f"    hint: {v.hint}")
    return "\n".join(lines)


def task_feedback(task: TaskResult, first_only: bool = False) -> str:
    """The feedback for one task: its score, then each check that did not pass."""
    head = f"{task.task}: {task.points:g}/{task.max_points:g} ({task.status})"
    if task.status in ("not attempted", "missing") and task.checks:
        return f"{head}\n    {task.checks[0].verdict.message}"
    failures = [c for c in task.checks if not c.verdict.passed]
    if first_only:
        failures = failures[:1]
    return "\n".join([head, *map(check_feedback, failures)])


def feedback_text(report: GradeReport) -> str:
    """Plain-text feedback for a student: total, then every task."""
    lines = [f"Submission: {report.submission}", f"Total: {report.total:g}/{report.max_total:g}", ""]
    lines += [f"note: {note}" for note in report.notes]
    for task in report.tasks:
        lines += [task_feedback(task), ""]
    return "\n".join(lines)


def print_table(report: GradeReport, console: Console | None = None, details: bool = True) -> None:
    console = console or Console()
    table = Table(title=f"dlgrade: {report.submission}")
    for column, justify in (("task", "left"), ("points", "right"), ("max", "right"),
                            ("checks passed", "right"), ("status", "left")):
        table.add_column(column, justify=justify)
    for task in report.tasks:
        passed = sum(c.verdict.passed for c in task.checks)
        ran = sum(c.verdict.status != "not run" for c in task.checks)
        style = STYLE.get(task.status, "")
        table.add_row(task.task, f"{task.points:g}", f"{task.max_points:g}", f"{passed}/{ran}",
                      f"[{style}]{task.status}[/{style}]" if style else task.status)
    table.add_row("total", f"{report.total:g}", f"{report.max_total:g}", "", "", style="bold")
    console.print(table)
    for note in report.notes:
        console.print(f"[yellow]note:[/yellow] {note}")
    if details:
        for task in report.tasks:
            not_run = any(c.verdict.status == "not run" for c in task.checks)
            if task.checks and (task.status != "passed" or not_run):  # a check not run is never silent
                console.print(task_feedback(task), markup=False, highlight=False, soft_wrap=True)


def gradescope_json(report: GradeReport) -> dict:
    """Gradescope's results.json: one test entry per task."""
    tests = [{
        "name": f"{task.task}: {task.title}",
        "score": task.points,
        "max_score": task.max_points,
        "status": "passed" if task.status == "passed" else "failed",
        "output": task_feedback(task),
        "visibility": "visible",
    } for task in report.tasks]
    return {
        "score": report.total,
        "output": "\n".join(report.notes),
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
    }


def write_gradescope(report: GradeReport, path: Path) -> None:
    Path(path).write_text(json.dumps(gradescope_json(report), indent=2) + "\n", encoding="utf-8")
