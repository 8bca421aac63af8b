"""Gradebook imports of Canvas and Moodle: one CSV each, a row per student, the grade in one column.

How students are found. A class run knows each student by the name of their submission's folder
or archive. A learning platform knows them by its own ids, so the export takes the platform's own
roster, downloaded from it, and matches each folder name, ignoring case, against the roster's id
columns (an e-mail address also matches by the part before ``@``):

- Canvas: Grades > Export, its gradebook CSV. Matched against ``SIS Login ID``, ``SIS User ID``
  and ``ID``; the row keeps those and ``Student`` and ``Section``, which Canvas's import needs.
  Canvas matches students by its ids only, so a Canvas export needs the roster.
- Moodle: Grades > Export > Plain text file (or a participants list). Matched against
  ``Username``, ``ID number`` and ``Email address``; the row keeps those it has. Without a roster
  the folder name is written as ``Username``: choose "Map from Username to username" at import.

A folder that matches no roster row, or several, is not exported and is named in the result, as is
a student whose grade is incomplete (a task not graded): a gradebook cell is never a partial total.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from graders.kit import spreadsheet_text
from graders.results import StudentRecord

CANVAS_IDS = ("SIS Login ID", "SIS User ID", "ID")
CANVAS_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
CANVAS_POINTS_ROW = "Points Possible"
MOODLE_IDS = ("Username", "ID number", "Email address")


class RosterError(ValueError):
    """A roster that cannot be used: the message names the problem and the fix."""


@dataclass
class Gradebook:
    """A CSV to import, and the students it leaves out (student -> why)."""

    text: str
    exported: list[str] = field(default_factory=list)
    left_out: dict[str, str] = field(default_factory=dict)


def read_roster(path: Path, id_columns: tuple[str, ...], platform: str) -> list[dict[str, str]]:
    """The roster's student rows (Canvas's "Points Possible" row and its test student are not students)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RosterError(f"cannot read the roster {path}: {exc}; give the CSV downloaded from {platform}") from None
    reader = csv.DictReader(io.StringIO(text))
    columns = [c for c in id_columns if c in (reader.fieldnames or [])]
    if not columns:
        raise RosterError(f"the roster {path} has none of {platform}'s id columns ({', '.join(id_columns)}); "
                          f"give the CSV downloaded from {platform} as it is")
    rows = [row for row in reader if (row.get("Student") or "").strip() not in (CANVAS_POINTS_ROW, "Student, Test")]
    return [{k: (v or "").strip() for k, v in row.items() if k is not None} for row in rows]


def match(students: list[str], roster: list[dict[str, str]], id_columns: tuple[str, ...]
          ) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """(student -> roster row, student -> why not matched)."""
    found, problems = {}, {}
    for student in students:
        rows = [row for row in roster if student.casefold() in _ids(row, id_columns)]
        if len(rows) == 1:
            found[student] = rows[0]
        else:
            problems[student] = ("not in the roster (no id column matches the folder's name)" if not rows else
                                 f"matches {len(rows)} rows of the roster: rename the folder to one student's id")
    return found, problems


def canvas_csv(records: dict[str, StudentRecord], roster: list[dict[str, str]], assignment: str) -> Gradebook:
    """Canvas's gradebook import: its five student columns, then the assignment's (a new one: Canvas
    creates it on import with the "Points Possible" row's maximum)."""
    gradable, left_out = _complete(records)
    rows, unmatched = match(list(gradable), roster, CANVAS_IDS)
    left_out.update(unmatched)
    maximum = next((r.max_total for r in gradable.values()), 0)
    lines = [[*CANVAS_COLUMNS, assignment], [CANVAS_POINTS_ROW, "", "", "", "", _number(maximum)]]
    # The ids verbatim: Canvas matches on them. A name that starts like a formula is shown as text.
    lines += [[spreadsheet_text(rows[s].get("Student", "")), *(rows[s].get(c, "") for c in CANVAS_COLUMNS[1:]),
               _number(gradable[s].total)] for s in rows]
    return Gradebook(_csv(lines), list(rows), left_out)


def moodle_csv(records: dict[str, StudentRecord], roster: list[dict[str, str]] | None, assignment: str) -> Gradebook:
    """Moodle's "Import grades from CSV": the id columns, the grade, and a feedback column (map it to
    the grade item's feedback) with the points of each task."""
    gradable, left_out = _complete(records)
    if roster is None:
        rows, columns = {s: {"Username": s} for s in gradable}, ["Username"]
    else:
        rows, unmatched = match(list(gradable), roster, MOODLE_IDS)
        left_out.update(unmatched)
        columns = [c for c in MOODLE_IDS if any(c in row for row in roster)]
    lines = [[*columns, assignment, f"{assignment} feedback"]]
    for student, row in rows.items():
        record = gradable[student]
        feedback = "; ".join(f"{t.task} {t.points:g}/{t.max_points:g}" for t in record.tasks)
        lines.append([*(row.get(c, "") for c in columns), _number(record.total),
                      f"{record.total:g} of {record.max_total:g} points: {feedback}"])
    return Gradebook(_csv(lines), list(rows), left_out)


def _complete(records: dict[str, StudentRecord]) -> tuple[dict[str, StudentRecord], dict[str, str]]:
    """The students with a complete grade, and why each other one has none to export."""
    complete, left_out = {}, {}
    for student, record in records.items():
        if not record.graded:
            left_out[student] = f"could not be graded: {record.problem}"
        elif not record.complete:
            tasks = ", ".join(t.task for t in record.report.not_graded)
            left_out[student] = f"not graded yet: {tasks} (run grade-class again once the cause is fixed)"
        else:
            complete[student] = record
    return complete, left_out


def _ids(row: dict[str, str], id_columns: tuple[str, ...]) -> set[str]:
    values = {row[c].casefold() for c in id_columns if row.get(c)}
    return values | {v.split("@", 1)[0] for v in values if "@" in v}


def _csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def _number(value: float) -> str:
    return f"{value:g}"
