"""Show a :class:`~graders.results.GradeReport`: a terminal table and feedback text (the gradebooks' formats are
in :mod:`graders.gradebooks`)."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table

from graders.results import CheckResult, GradeReport, Status, StudentRecord, TaskResult, Verdict

STYLE = {Status.PASSED: "green", Status.PARTIAL: "yellow", Status.FAILED: "red", Status.NOT_ATTEMPTED: "dim",
         Status.MISSING: "red", Status.NOT_RUN: "yellow", Status.NOT_GRADED: "magenta"}


def check_feedback(check: CheckResult) -> str:
    """A few lines for one failed (or not run) check."""
    v = check.verdict
    title = f"{check.task} / {check.check}"
    if check.description:
        title += f" ({check.description})"
    lines = [f"{v.status.upper()}: {title}", *v.message.splitlines(), *verdict_details(v)]
    return "\n    ".join(lines)


def verdict_lines(verdict: Verdict) -> list[str]:
    """A verdict on its own (pytest's report of a failed check): status and message, then its details."""
    return [f"{verdict.status}: {verdict.message}", *verdict_details(verdict)]


def verdict_details(verdict: Verdict) -> list[str]:
    """The smallest failing input and the hint (for a check not graded: the fix), where there are any."""
    lines = [f"smallest failing input: {verdict.example}"] if verdict.example else []
    if verdict.hint:
        lines.append(f"{'fix' if verdict.status is Status.NOT_GRADED else 'hint'}: {verdict.hint}")
    return lines


def task_feedback(task: TaskResult, first_only: bool = False) -> str:
    """The feedback for one task: its score, then each check that did not pass.

    A task that was not graded says why and the fix; a problem every check shares (a file
    that does not load, a task not attempted) is said once; with ``first_only`` the first
    failing check is shown in full and the others are named.
    """
    if not task.graded:
        return f"{task.task}: not graded\n    {task.not_graded}"
    head = f"{task.task}: {task.points:g}/{task.max_points:g} ({task.status})"
    known = [f"    Your code behaves like a known mistake. {task.diagnosis}"] if task.diagnosis else []
    return "\n".join([head, *known, *task_details(task, first_only)])


def task_details(task: TaskResult, first_only: bool = False) -> list[str]:
    """:func:`task_feedback`'s lines under the task's own line (a graded task)."""
    failures = [c for c in task.checks if not c.verdict.passed]
    shared = {(c.verdict.status, c.verdict.message) for c in failures}
    if failures and len(shared) == 1 and len(failures) == len(task.checks):
        status, message = shared.pop()
        return [f"    {message}" if status.whole_module else f"    all {len(failures)} checks: {status}: {message}"]
    if first_only and len(failures) > 1:
        named = ", ".join(c.check for c in failures[1:])
        return [check_feedback(failures[0]), f"    {len(failures) - 1} more check(s) did not pass: {named}"]
    return [check_feedback(c) for c in failures]


def feedback_text(report: GradeReport) -> str:
    """Plain-text feedback for a student: total, then every task."""
    lines = [f"Submission: {report.submission}", f"Total: {report.total:g}/{report.max_total:g}"]
    if not report.complete:
        lines.append(f"Not graded: {', '.join(t.task for t in report.not_graded)} (the total counts the "
                     "graded tasks only; see below)")
    lines.append("")
    lines += [f"note: {note}" for note in report.notes]
    for task in report.tasks:
        lines += [task_feedback(task), ""]
    return "\n".join(lines)


def print_table(report: GradeReport, console: Console | None = None, details: bool = True) -> None:
    """The instructor's view: a table of tasks, the notes (the grader's own included), then details."""
    console = console or Console()
    table = Table(title=f"dlgrade: {report.submission}")
    for column, justify in (("task", "left"), ("points", "right"), ("max", "right"),
                            ("checks passed", "right"), ("status", "left")):
        table.add_column(column, justify=justify)
    for task in report.tasks:
        style = STYLE.get(task.status, "")
        table.add_row(task.task, f"{task.points:g}" if task.graded else "-", f"{task.max_points:g}",
                      task.checks_passed if task.graded else "-",
                      f"[{style}]{task.status}[/{style}]" if style else task.status)
    total = f"{report.total:g}" + ("" if report.complete else " *")
    table.add_row("total", total, f"{report.max_total:g}", "", "", style="bold")
    console.print(table)
    if not report.complete:
        console.print(f"[magenta]* not graded:[/magenta] {', '.join(t.task for t in report.not_graded)}: "
                      "the total counts the graded tasks only")
    for note in [*report.notes, *report.grader_notes]:
        console.print(f"[yellow]note:[/yellow] {note}", markup=True, highlight=False)
    if details:
        for task in report.tasks:
            not_run = any(not c.verdict.counted for c in task.checks)
            if task.status is not Status.PASSED or not_run:  # a check not run is never silent
                console.print(task_feedback(task), markup=False, highlight=False, soft_wrap=True)


def could_not_grade_text(record: StudentRecord) -> str:
    """The feedback of a class run's student whose submission could not be graded."""
    return f"Your submission could not be graded: {record.problem}\nPlease tell your instructor.\n"
