"""PrairieLearn's external-grader ``results.json`` (its "External Grading" documentation).

``score`` is the grade as a fraction of the maximum, in [0, 1]; each check is a test with its share
of its task's points (``points``/``max_points``). A submission that could not be graded is
``"gradable": false`` with the reason in ``format_errors``: PrairieLearn then neither awards nor
takes points, nor counts the attempt. A task not graded on the grading machine is named in
``message``; the score counts the graded tasks only, as everywhere in the kit.
"""
from __future__ import annotations

from graders.report import check_feedback, feedback_text, task_feedback
from graders.results import StudentRecord

#: PrairieLearn reads at most 1 MB of results.json; the text fields are cut well before that.
MAX_TEXT = 100_000


def results_json(record: StudentRecord) -> dict:
    if record.report is None:
        return {"gradable": False, "format_errors": [f"Your submission could not be graded: {record.problem}. "
                                                     "Please tell your instructor."]}
    report = record.report
    tests = []
    for task in report.tasks:
        if not task.graded:
            tests.append({"name": f"{task.task}: not graded", "description": task.title, "points": 0,
                          "max_points": task.max_points, "message": task_feedback(task), "output": ""})
            continue
        for check in task.checks:
            earned, possible = task.check_points(check)
            tests.append({"name": f"{task.task} / {check.check}", "description": check.description,
                          "points": round(earned, 4), "max_points": round(possible, 4),
                          "message": str(check.verdict.status),
                          "output": "" if check.verdict.passed else _cut(check_feedback(check))})
    message = f"{report.total:g} of {report.max_total:g} points."
    if not report.complete:
        message += (f" Not graded: {', '.join(t.task for t in report.not_graded)}; the score counts the graded "
                    "tasks only, and your instructor will grade the rest.")
    return {"gradable": True, "score": round(report.total / report.max_total, 6) if report.max_total else 0.0,
            "message": message, "output": _cut(feedback_text(report)), "tests": tests}


def _cut(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT] + "\n[... cut: see the full feedback file]"
