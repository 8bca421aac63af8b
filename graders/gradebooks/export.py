"""``dlgrade export``: a graded class folder (``grade-class --out``) into a gradebook's format.

    gradescope    OUT/<student>/results.json   Gradescope's autograder results, one entry per check
    prairielearn  OUT/<student>/results.json   PrairieLearn's external-grader results
    junit         OUT/<student>.xml            JUnit XML (CI platforms, GitHub Classroom)
    canvas        OUT (a .csv file)            Canvas's gradebook import (needs Canvas's roster)
    moodle        OUT (a .csv file)            Moodle's "Import grades from CSV"

Only the results a class run of this kit published and signed are exported (its ledger, see
:class:`graders.classroom.grading.Ledger`): a report.json changed since is left out and named.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from graders.classroom.grading import REPORT, STUDENTS, Ledger, read_record
from graders.gradebooks import gradescope, junit, lms, prairielearn
from graders.kit import write_atomically
from graders.points import load_visibility
from graders.results import StudentRecord

FORMATS = ("gradescope", "prairielearn", "junit", "canvas", "moodle")
CSV_FORMATS = ("canvas", "moodle")


class ExportError(ValueError):
    """The export cannot run (a folder that is not a graded class, a roster that cannot be used)."""


@dataclass
class Exported:
    """What an export wrote (into ``out``), and the students it left out (student -> why)."""

    out: Path
    written: list[Path] = field(default_factory=list)
    students: list[str] = field(default_factory=list)
    left_out: dict[str, str] = field(default_factory=dict)


def graded_class(folder: Path) -> dict[str, StudentRecord]:
    """The records of a graded class folder that its class run signed, by student; ExportError where
    the folder is not one. A record changed since it was published comes back as could not be graded."""
    folder = Path(folder)
    students = sorted(p.parent.name for p in (folder / STUDENTS).glob(f"*/{REPORT}"))
    if not students:
        raise ExportError(f"{folder} is not a graded class folder (no {STUDENTS}/<student>/{REPORT}): give the "
                          "folder that `dlgrade grade-class --out` wrote")
    ledger = Ledger(folder)
    records = {}
    for student in students:
        record = read_record(folder / STUDENTS / student)
        if record is None or not ledger.vouches_for(student):
            record = StudentRecord.could_not_grade(
                student, "its results are not the ones dlgrade published (changed since, or graded by another "
                         "user whose ledger key this one does not have): run grade-class again")
        records[student] = record
    return records


def export(folder: Path, to: str, out: Path | None = None, *, roster: Path | None = None,
           assignment: str = "dlgrade", points_file: Path | None = None) -> Exported:
    """Write the class in ``folder`` as ``to`` (one of FORMATS) into ``out`` (default: ``folder/export/...``)."""
    if to not in FORMATS:
        raise ExportError(f"unknown format {to!r}: one of {', '.join(FORMATS)}")
    folder = Path(folder)
    out = Path(out) if out is not None else folder / "export" / (f"{to}.csv" if to in CSV_FORMATS else to)
    records = graded_class(folder)
    if to in CSV_FORMATS:
        return _gradebook_csv(records, to, out, roster, assignment)
    done = Exported(out)
    visibility = load_visibility(points_file) if to == "gradescope" else None
    for student, record in records.items():
        if to == "junit":
            path = out / f"{student}.xml"
            text = junit.junit_xml(record, _graded_at(folder / STUDENTS / student / REPORT))
        else:
            path = out / student / "results.json"
            data = (prairielearn.results_json(record) if to == "prairielearn" else
                    gradescope.results_json(record.report, visibility) if record.report is not None else
                    gradescope.could_not_grade_json(record))
            text = json.dumps(data, indent=2) + "\n"
        _write(path, text)
        done.written.append(path)
        done.students.append(student)
        if not record.graded:   # written all the same: the student reads why there is no grade
            done.left_out[student] = f"exported as not graded: {record.problem}"
    return done


def _gradebook_csv(records: dict[str, StudentRecord], to: str, out: Path, roster: Path | None,
                   assignment: str) -> Exported:
    try:
        if to == "canvas":
            if roster is None:
                raise ExportError("Canvas matches students by its own ids: download its gradebook (Grades > "
                                  "Export) and give it with --roster")
            book = lms.canvas_csv(records, lms.read_roster(roster, lms.CANVAS_IDS, "Canvas"), assignment)
        else:
            people = lms.read_roster(roster, lms.MOODLE_IDS, "Moodle") if roster is not None else None
            book = lms.moodle_csv(records, people, assignment)
    except lms.RosterError as exc:
        raise ExportError(str(exc)) from None
    _write(out, book.text)
    return Exported(out, [out], book.exported, book.left_out)


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, text)
    except OSError as exc:
        raise ExportError(f"cannot write {path} ({exc.strerror or exc}): give --out a place you can write to") from None


def _graded_at(report: Path) -> datetime:
    """When the student's report was published (its file's time)."""
    return datetime.fromtimestamp(report.stat().st_mtime)
