"""The HTML pages people look at: a student's feedback page and a class's dashboard.

Each is one self-contained file (styles, scripts and plots inside, the plots as ``data:`` URIs), made
from the result model with Jinja2 templates (``graders/pages/templates``), every value escaped.

- ``feedback.html`` (``dlgrade grade --out`` and each student of ``grade-class``): the total, a
  table of tasks, each failed check with its message (expected and got), the smallest failing
  input and the hint, and the task's plots (the MNIST run's loss curves and confusion matrix).
- ``dashboard.html`` (``grade-class``): the distribution of totals, every student with a link to
  their page (sortable by any column), per-task and per-check failure rates, and the known
  mistakes the diagnosis named (:mod:`graders.classroom.diagnosis`), with how many students made each.
"""
from __future__ import annotations

import base64
import functools
import statistics
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from graders import tasks
from graders.results import GradeReport, StudentRecord, TaskResult

FEEDBACK_PAGE, DASHBOARD_PAGE = "feedback.html", "dashboard.html"


@functools.cache
def _environment() -> Environment:
    environment = Environment(loader=PackageLoader("graders.pages", "templates"),
                              autoescape=select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)
    environment.filters["points"] = lambda value: f"{value:g}"
    environment.filters["css"] = lambda status: str(status).replace(" ", "-")
    environment.globals["shared_problem"] = _shared_problem
    return environment


def feedback_page(report: GradeReport, plots: Path | None = None) -> str:
    """A student's page. ``plots``: the folder with the checks' PNG files (``<task>_....png``), if any."""
    return _environment().get_template("feedback.html.j2").render(report=report, plots=_plots_by_task(plots))


def dashboard_page(records: dict[str, StudentRecord], task_ids: list[str], tasks: list, checks: list,
                   histogram: Path | None = None, mistakes: dict[str, list[str]] | None = None,
                   pages: str = "students/{student}/feedback.html") -> str:
    """The class's page. ``records``: each student's, in student order; ``tasks`` and ``checks``: the class's
    statistics (``graders.classroom.summary``'s TaskStatistics and CheckFailures); ``mistakes``: a known
    mistake's sentence -> the students it was found in; ``pages``: each student's page, relative to the dashboard."""
    graded = {s: r for s, r in records.items() if r.graded}
    totals = [r.total for r in graded.values()]
    students = []
    for student, record in records.items():
        points = {t.task: t.points for t in record.tasks if t.graded}
        problem = record.problem or "; ".join(f"not graded: {t.task}" for t in record.tasks if not t.graded)
        students.append({"student": student, "total": f"{record.total:g}" if record.graded else "",
                         "tasks": [f"{points[t]:g}" if t in points else "" for t in task_ids], "problem": problem,
                         "page": pages.format(student=student) if record.report is not None else ""})
    return _environment().get_template("dashboard.html.j2").render(
        graded=graded, failed=[s for s, r in records.items() if not r.graded],
        incomplete=[s for s, r in graded.items() if not r.complete],
        mean=statistics.mean(totals) if totals else 0, median=statistics.median(totals) if totals else 0,
        max_total=next((r.max_total for r in graded.values()), 0), task_ids=task_ids, students=students,
        tasks=tasks, checks=sorted(checks, key=lambda c: (-c.rate, c.task, c.check)),
        mistakes=[{"sentence": k, "students": v} for k, v in sorted((mistakes or {}).items(),
                                                                     key=lambda kv: (-len(kv[1]), kv[0]))],
        histogram=_data_uri(histogram) if histogram is not None and histogram.is_file() else "")


def _shared_problem(task: TaskResult) -> dict | None:
    """What every check of the task failed with, said once rather than per check: one message (a module
    that does not load), or a task not attempted or missing (its functions' own lines); None when the
    checks failed in their own ways."""
    failures = task.failures
    if len(failures) < 2 or len(failures) != len(task.checks):
        return None
    statuses = {c.verdict.status for c in failures}
    messages = sorted({c.verdict.message for c in failures})
    if len(statuses) == 1 and (len(messages) == 1 or statuses.pop().whole_module):
        return {"status": failures[0].verdict.status, "message": "\n".join(messages)}
    return None


def _plots_by_task(folder: Path | None) -> dict[str, list[dict]]:
    """The PNG files in ``folder`` as data URIs, by the task their name starts with."""
    if folder is None or not folder.is_dir():
        return {}
    ids = sorted((t.id for t in tasks.TASKS), key=len, reverse=True)   # linear_regression before a shorter prefix
    found: dict[str, list[dict]] = {}
    for path in sorted(folder.glob("*.png")):
        task = next((t for t in ids if path.name.startswith(f"{t}_")), None)
        if task is not None:
            found.setdefault(task, []).append({"name": path.stem, "uri": _data_uri(path)})
    return found


def _data_uri(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")
