"""The class-level files of a class run: grades.csv, summary.md, the totals histogram and the dashboard.

Everything here is computed from the students' ``report.json`` files alone, in
student order, so grading the same class twice writes identical files.
"""
from __future__ import annotations

import csv
import io
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from graders.kit import spreadsheet_text, write_atomically
from graders.pages.render import DASHBOARD_PAGE, dashboard_page
from graders.results import Status, StudentRecord

CSV_NAME, SUMMARY_NAME, HISTOGRAM_NAME = "grades.csv", "summary.md", "totals.png"
TOP_FAILURES = 10


@dataclass(frozen=True)
class TaskStatistics:
    """How a class did on one task (the students graded on it)."""

    task: str
    mean: float
    max: float
    full: int       # students with full marks
    zero: int
    graded: int

    @property
    def failing(self) -> float:
        """The share of the students below full marks."""
        return 1 - self.full / self.graded


@dataclass(frozen=True)
class CheckFailures:
    """How many students' code failed one check (a mistake: not attempted and not run are not counted),
    of how many it ran for, and the status and first line of the message most of them got."""

    task: str
    check: str
    students: int
    ran: int
    how: tuple[str, str]   # (status, first line of the message)

    @property
    def rate(self) -> float:
        return self.students / self.ran

    @property
    def most_often(self) -> str:
        return f"{self.how[0]}: {self.how[1]}"


def write_class_files(out: Path, records: dict[str, StudentRecord], task_ids: list[str]) -> None:
    """``records``: each student's, in student order."""
    write_atomically(out / CSV_NAME, grades_csv(records, task_ids))
    graded = [r for r in records.values() if r.graded]
    max_total = next((r.max_total for r in graded), 0)
    histogram([r.total for r in graded], max_total, out / HISTOGRAM_NAME)
    tasks, checks = task_statistics(graded, task_ids), check_failures(graded)
    write_atomically(out / SUMMARY_NAME, summary_markdown(records, tasks, checks))
    write_atomically(out / DASHBOARD_PAGE, dashboard_page(records, task_ids, tasks, checks, out / HISTOGRAM_NAME,
                                                          known_mistakes(records)))


def known_mistakes(records: dict[str, StudentRecord]) -> dict[str, list[str]]:
    """Each known mistake a diagnosis named (its sentence, with its task) -> the students it named it for."""
    found: dict[str, list[str]] = {}
    for student, record in records.items():
        for task in record.tasks:
            if task.diagnosis:
                found.setdefault(f"{task.task}: {task.diagnosis}", []).append(student)
    return found


def grades_csv(records: dict[str, StudentRecord], task_ids: list[str]) -> str:
    """student, points per task, total, problem.

    A task that could not be graded has an empty cell, and the problem column says which and
    why ("not graded: mlp: ..."); the total then counts the graded tasks only.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["student", *task_ids, "total", "problem"])
    for student, record in records.items():
        if not record.graded:
            writer.writerow([spreadsheet_text(student), *([""] * len(task_ids)), "", record.problem])
            continue
        points = {t.task: t.points for t in record.tasks if t.graded}
        problem = "; ".join(f"not graded: {t.task}: {t.not_graded}" for t in record.report.not_graded)
        writer.writerow([spreadsheet_text(student), *(_number(points[t]) if t in points else "" for t in task_ids),
                         _number(record.total), problem])
    return buffer.getvalue()


def summary_markdown(records: dict[str, StudentRecord], tasks: list[TaskStatistics],
                     checks: list[CheckFailures]) -> str:
    graded = [r for r in records.values() if r.graded]
    failed = sorted(s for s, r in records.items() if not r.graded)
    lines = ["# Class summary", "", f"{len(graded)} submissions graded"
             + (f", {len(failed)} could not be graded: {', '.join(failed)}" if failed else "") + "."]
    incomplete = {s: r.report.not_graded for s, r in records.items() if r.graded and not r.complete}
    if incomplete:
        reasons = sorted({f"{t.task}: {t.not_graded}" for ts in incomplete.values() for t in ts})
        lines += ["", f"**Not graded** for {len(incomplete)} student(s) ({', '.join(sorted(incomplete))}); "
                      "their totals count the graded tasks only, and the next run grades those tasks again:", ""]
        lines += [f"- {reason}" for reason in reasons]
    if graded:
        totals = [r.total for r in graded]
        lines += ["", f"Total: mean {statistics.mean(totals):.2f}, median {statistics.median(totals):g}, "
                      f"min {min(totals):g}, max {max(totals):g} (of {graded[0].max_total:g}).",
                  "", f"![Distribution of totals]({HISTOGRAM_NAME})"]
    lines += ["", "## Per task", "", "| task | mean | max | full marks | zero |", "|---|---:|---:|---:|---:|"]
    lines += [f"| {t.task} | {t.mean:.2f} | {t.max:g} | {t.full} | {t.zero} |" for t in tasks]
    lines += ["", "## Most common failing checks", ""] + failing_checks(checks)
    return "\n".join(lines) + "\n"


def task_statistics(graded: list[StudentRecord], task_ids: list[str]) -> list[TaskStatistics]:
    """Each task some student was graded on, in ``task_ids`` order."""
    found = []
    for task_id in task_ids:
        results = [t for r in graded for t in r.tasks if t.task == task_id and t.graded]
        if results:
            points = [t.points for t in results]
            found.append(TaskStatistics(task_id, statistics.mean(points), results[0].max_points,
                                        sum(t.points == t.max_points for t in results), sum(p == 0 for p in points),
                                        len(results)))
    return found


def check_failures(graded: list[StudentRecord]) -> list[CheckFailures]:
    """Each check some student's code failed, the most students first."""
    ran: Counter = Counter()
    how: dict[tuple[str, str], Counter] = {}
    for record in graded:
        for task in record.tasks:
            for check in task.checks:
                key = (task.task, check.check)
                ran[key] += check.verdict.counted and check.verdict.status is not Status.NOT_GRADED
                if check.verdict.status.is_mistake:
                    first_line = (check.verdict.message.splitlines() or [""])[0][:120]
                    how.setdefault(key, Counter())[(str(check.verdict.status), first_line)] += 1
    found = [CheckFailures(*key, sum(counts.values()), ran[key],
                           sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]) for key, counts in how.items()]
    return sorted(found, key=lambda c: (-c.students, c.task, c.check))


def failing_checks(checks: list[CheckFailures]) -> list[str]:
    """The checks most students got wrong (not the ones they did not attempt), with how they failed most
    often, as a Markdown table."""
    if not checks:
        return ["No attempted check failed."]
    lines = ["| check | students | most often |", "|---|---:|---|"]
    for c in checks[:TOP_FAILURES]:
        text = c.most_often.replace("|", "\\|")
        lines.append(f"| {c.task} / {c.check} | {c.students} | {text} |")
    return lines


def histogram(totals: list[float], max_total: float, path: Path) -> None:
    """A PNG histogram of the students' totals (matplotlib, Agg backend)."""
    import matplotlib  # start-up time: matplotlib only when the histogram is drawn

    matplotlib.use("Agg")
    from matplotlib.figure import Figure  # start-up time
    from matplotlib.ticker import MaxNLocator  # start-up time

    figure = Figure(figsize=(6, 3.5), dpi=100)
    axes = figure.subplots()
    upper = max(max_total, max(totals, default=0), 1)
    axes.hist(totals, bins=min(20, max(5, int(upper))), range=(0, upper), color="#4c72b0", edgecolor="white")
    axes.set_xlabel(f"total points (of {max_total:g})")
    axes.set_ylabel("students")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_title(f"Distribution of totals ({len(totals)} students)")
    figure.tight_layout()
    png = io.BytesIO()
    figure.savefig(png, format="png", metadata={"Software": None})
    write_atomically(path, png.getvalue())


def _number(value: float) -> str:
    return f"{value:g}"
