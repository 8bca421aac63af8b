"""Gradescope's ``results.json``, as its autograder specification describes it.

One test entry per check (``number`` task.check, ``tags`` the task and tier, the check's share of
its task's points, the counterexample in Markdown), each visible by its tier's setting in the
points file (``[gradescope.visibility]``), the grade's ``execution_time``, and the MNIST accuracy
the checks measured on the ``leaderboard``. The top-level ``score`` is the grade's total (the
tests' shares, rounded, may differ from it in the last digit), so it is what Gradescope records.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

from graders.points import DEFAULT_VISIBILITY
from graders.report import could_not_grade_text
from graders.results import CheckResult, GradeReport, Status, StudentRecord, TaskResult

#: Gradescope's leaderboard orders a column by its values: a higher accuracy ranks first.
LEADERBOARD_ORDER = "desc"


def results_json(report: GradeReport, visibility: dict[str, str] | None = None) -> dict:
    """Gradescope's results.json for one submission. ``visibility``: tier -> Gradescope visibility
    (:func:`graders.points.load_visibility`). Nothing about the grading machine goes in: that is in
    ``report.grader_notes``, which no student sees."""
    visibility = visibility or DEFAULT_VISIBILITY
    tests = []
    for number, task in enumerate(report.tasks, start=1):
        tests += _task_tests(task, number, visibility) if task.graded else [_not_graded_test(task, number)]
    output = list(report.notes)
    output += [f"**{t.task}**: your code behaves like a known mistake. {t.diagnosis}" for t in report.tasks if t.diagnosis]
    if not report.complete:
        output.append(f"Not graded: {', '.join(t.task for t in report.not_graded)}. The score counts the graded "
                      "tasks only; your instructor will grade the rest.")
    results = {
        "score": report.total,
        "execution_time": math.ceil(report.seconds),
        "output": "\n\n".join(output),
        "output_format": "md",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
    }
    leaderboard = [{"name": name, "value": round(100 * value, 2), "order": LEADERBOARD_ORDER}
                   for name, value in measures(report).items()]
    return {**results, "leaderboard": leaderboard} if leaderboard else results


def could_not_grade_json(record: StudentRecord) -> dict:
    """results.json for a class run's submission that could not be graded: 0, and why."""
    return not_graded_results(could_not_grade_text(record))


def not_graded_results(text: str) -> dict:
    """results.json that gives no grade: a score of 0 (Gradescope needs one) and ``text``, which says why."""
    return {"score": 0, "output": text, "output_format": "text", "visibility": "visible",
            "stdout_visibility": "hidden", "tests": []}


def write_results(report: GradeReport, path: Path, visibility: dict[str, str] | None = None) -> None:
    Path(path).write_text(json.dumps(results_json(report, visibility), indent=2) + "\n", encoding="utf-8")


def measures(report: GradeReport) -> dict[str, float]:
    """The figures the checks measured (MNIST test accuracies, from 0 to 1), by name, in check order."""
    return {name: value for task in report.tasks if task.graded for check in task.checks
            for name, value in check.measures.items()}


def check_markdown(check: CheckResult) -> str:
    """One check's result as Markdown: its status, then (when it did not pass) the message, the smallest
    failing input and the hint, the student's code's words kept in code blocks."""
    verdict = check.verdict
    lines = [f"**{verdict.status}**" + (f": {check.description}" if check.description else "")]
    if not verdict.passed:
        if verdict.message:
            lines += ["", _code_block(verdict.message)]
        if verdict.example:
            lines += ["", "Smallest failing input:", "", _code_block(verdict.example)]
        if verdict.hint:
            lines += ["", f"{'Fix' if verdict.status is Status.NOT_GRADED else 'Hint'}: {verdict.hint}"]
    return "\n".join(lines)


def _task_tests(task: TaskResult, number: int, visibility: dict[str, str]) -> list[dict]:
    tests = []
    for index, check in enumerate(task.checks, start=1):
        earned, possible = task.check_points(check)
        test = {
            "name": f"{task.task} / {check.check}",
            "number": f"{number}.{index}",
            "score": round(earned, 4),
            "max_score": round(possible, 4),
            "output": check_markdown(check),
            "output_format": "md",
            "tags": [task.task, check.tier],
            "visibility": visibility.get(check.tier, "visible"),
        }
        if check.verdict.counted:   # a check not run has no status: it is neither passed nor failed
            test["status"] = "passed" if check.verdict.passed else "failed"
        tests.append(test)
    return tests


def _not_graded_test(task: TaskResult, number: int) -> dict:
    """A task that could not be graded: one entry that says why (it counts nothing)."""
    return {"name": f"{task.task}: not graded", "number": f"{number}", "score": 0.0, "max_score": task.max_points,
            "output": f"NOT GRADED: {task.not_graded}", "output_format": "text", "tags": [task.task],
            "visibility": "visible"}


def _code_block(text: str) -> str:
    """``text`` as a fenced Markdown block whose fence no line of it can close."""
    fence = "```"
    while fence in text:
        fence += "`"
    return f"{fence}text\n{text}\n{fence}"
