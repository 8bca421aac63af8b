"""Every gradebook from one class run: Gradescope, PrairieLearn, JUnit XML, Canvas and Moodle.

Each format is checked against the platform's documented format, written out here as a schema
(from Gradescope's autograder specification and PrairieLearn's external-grading documentation),
read back by a JUnit consumer (junitparser, which CI test-report actions use), or checked
against the import rules of Canvas's and Moodle's gradebook CSV imports.
"""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import time
import xml.etree.ElementTree as ET
import zipfile
from datetime import datetime
from pathlib import Path

import jsonschema
import junitparser
import pytest
from click.testing import CliRunner

from graders import tasks
from graders.cli.kit import main as cli
from graders.engine.runner import grade
from graders.gradebooks import gradescope, junit, lms, prairielearn
from graders.gradebooks.autograder import TIME_MARGIN_S, Settings, build_bundle, lay_out, run_environment
from graders.gradebooks.export import export, graded_class
from graders.results import StudentRecord
from tests.kit import EXERCISES, all_variants, make_submission

TASKS = ["softmax", "encoding"]
_NOON = datetime(2026, 11, 30, 12, 0, 0)
BUG = next(v for v in all_variants() if v.task == "softmax" and not v.correct)

# -- the platforms' formats ------------------------------------------------------------------------
_FORMAT = {"enum": ["text", "html", "simple_format", "md", "ansi"]}
_VISIBILITY = {"enum": ["hidden", "after_due_date", "after_published", "visible"]}
_TEXT, _NUMBER = {"type": "string"}, {"type": "number"}
#: Gradescope's results.json (gradescope-autograders.readthedocs.io, "Autograder Specifications").
GRADESCOPE = {
    "type": "object", "additionalProperties": False,
    "properties": {
        "score": _NUMBER, "execution_time": {"type": "number", "minimum": 0}, "output": _TEXT,
        "output_format": _FORMAT, "test_output_format": _FORMAT, "test_name_format": _FORMAT,
        "visibility": _VISIBILITY, "stdout_visibility": _VISIBILITY, "extra_data": {"type": "object"},
        "tests": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "properties": {"score": _NUMBER, "max_score": _NUMBER, "status": {"enum": ["passed", "failed"]},
                           "name": _TEXT, "name_format": _FORMAT, "number": _TEXT, "output": _TEXT,
                           "output_format": _FORMAT, "tags": {"type": "array", "items": _TEXT},
                           "visibility": _VISIBILITY, "extra_data": {"type": "object"}}}},
        "leaderboard": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": ["name", "value"],
            "properties": {"name": _TEXT, "value": {"type": ["number", "string"]}, "order": {"enum": ["asc", "desc"]}}}},
    },
    # "score: optional, but required if not on each test case"
    "anyOf": [{"required": ["score"]},
              {"required": ["tests"], "properties": {"tests": {"items": {"required": ["score"]}}}}],
}
_IMAGES = {"type": "array", "items": {"anyOf": [_TEXT, {"type": "object", "required": ["url"],
                                                         "properties": {"url": _TEXT, "label": _TEXT}}]}}
#: PrairieLearn's external grader results (docs/externalGrading.md, "Grading results").
PRAIRIELEARN = {
    "type": "object",
    "properties": {
        "gradable": {"type": "boolean"}, "score": {"type": "number", "minimum": 0, "maximum": 1},
        "format_errors": {"anyOf": [_TEXT, {"type": "array", "items": _TEXT}]},
        "message": _TEXT, "output": _TEXT, "images": _IMAGES,
        "tests": {"type": "array", "items": {
            "type": "object", "required": ["name", "points", "max_points"],
            "properties": {"name": _TEXT, "description": _TEXT, "points": _NUMBER, "max_points": _NUMBER,
                           "message": _TEXT, "output": _TEXT, "images": _IMAGES}}},
    },
    # "If the submission is gradable, the result only has one mandatory field: score"
    "if": {"required": ["gradable"], "properties": {"gradable": {"const": False}}},
    "then": {"required": ["format_errors"]}, "else": {"required": ["score"]},
}
PRAIRIELEARN_MAX_BYTES = 1_000_000
#: Canvas's gradebook import: these columns first, then one per assignment.
CANVAS_HEAD = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]


def valid(data: dict, schema: dict) -> dict:
    jsonschema.Draft7Validator(schema).validate(data)
    return data


def ant_junit(path: Path) -> ET.Element:
    """The document, having checked the strict (Ant) JUnit schema's structure: required attributes, a
    timestamp without a time zone, each suite's children in order, at most one outcome per test case."""
    root = ET.parse(path).getroot()
    assert root.tag == "testsuites"
    for suite in root:
        assert suite.tag == "testsuite"
        for attribute in ("name", "timestamp", "hostname", "tests", "failures", "errors", "time"):
            assert suite.get(attribute), (path, attribute)
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", suite.get("timestamp"))
        tags = [child.tag for child in suite]
        assert tags[0] == "properties" and tags[-2:] == ["system-out", "system-err"]
        assert set(tags[1:-2]) == {"testcase"}
        for case in suite.iter("testcase"):
            assert case.get("name") and case.get("classname") and float(case.get("time")) >= 0
            assert sum(case.find(kind) is not None for kind in ("failure", "error", "skipped")) <= 1
    return root


# -- a graded class ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def graded(graded_class) -> Path:
    return graded_class


@pytest.fixture(scope="module")
def records(graded) -> dict[str, StudentRecord]:
    return graded_class(graded)


def test_the_class_run_writes_gradescope_results_with_one_entry_per_check(graded, records):
    for student in ("alice", "bob", "carol"):
        results = valid(json.loads((graded / "students" / student / "results.json").read_text()), GRADESCOPE)
        report = records[student].report
        checks = [c for t in report.tasks for c in t.checks]
        assert [t["name"] for t in results["tests"]] == [f"{c.task} / {c.check}" for c in checks]
        assert len({t["number"] for t in results["tests"]}) == len(checks)
        assert results["score"] == report.total
        assert sum(t["score"] for t in results["tests"]) == pytest.approx(report.total, abs=0.01)
        assert sum(t["max_score"] for t in results["tests"]) == pytest.approx(report.max_total, abs=0.01)
        for test, check in zip(results["tests"], checks):
            assert test["tags"] == [check.task, check.tier]
            assert test["visibility"] == {"public": "visible", "hidden": "after_due_date"}[check.tier]
            assert test["status"] == ("passed" if check.verdict.passed else "failed")
    bob = json.loads((graded / "students" / "bob" / "results.json").read_text())
    failed = [t for t in bob["tests"] if t["status"] == "failed" and t["tags"][0] == "softmax"]
    assert failed and all(t["output_format"] == "md" for t in failed)
    assert any("Smallest failing input:" in t["output"] and "```text" in t["output"] for t in failed)
    dave = valid(json.loads((graded / "students" / "dave" / "results.json").read_text()), GRADESCOPE)
    assert dave["score"] == 0 and "could not be graded" in dave["output"]


def test_each_tiers_visibility_comes_from_the_points_file(tmp_path):
    points = tmp_path / "course.toml"
    points.write_text(Path("graders/points.toml").read_text().replace('hidden = "after_due_date"',
                                                                      'hidden = "after_published"'))
    make_submission(tmp_path / "sub")
    result = CliRunner().invoke(cli, ["grade", str(tmp_path / "sub"), "--tasks", "encoding", "--points", str(points),
                                      "--json", str(tmp_path / "results.json")])
    assert result.exit_code == 0, result.output
    tests = valid(json.loads((tmp_path / "results.json").read_text()), GRADESCOPE)["tests"]
    assert {t["tags"][1]: t["visibility"] for t in tests} == {"public": "visible", "hidden": "after_published"}
    points.write_text(points.read_text().replace('"after_published"', '"at_midnight"'))
    wrong = CliRunner().invoke(cli, ["grade", str(tmp_path / "sub"), "--tasks", "encoding", "--points", str(points)])
    assert wrong.exit_code == 1 and "[gradescope.visibility]" in wrong.output and "Traceback" not in wrong.output


def test_the_reference_mnist_accuracy_is_on_the_gradescope_leaderboard(reference_report):
    pytest.importorskip("torch", reason="the mlp task needs PyTorch (pip install -e '.[torch]')")
    from graders.testing.mlp_grading import QUICK_ACCURACY

    (mlp,) = [t for t in reference_report.tasks if t.task == "mlp"]
    if not mlp.graded:
        pytest.fail(f"the mlp task was not graded: {mlp.not_graded}")
    quick = next(c for c in mlp.checks if c.check == "mnist_quick_accuracy")
    assert quick.verdict.passed and set(quick.measures) == {QUICK_ACCURACY}
    results = valid(gradescope.results_json(reference_report), GRADESCOPE)
    board = {entry["name"]: entry for entry in results["leaderboard"]}
    assert board[QUICK_ACCURACY]["order"] == "desc"
    assert board[QUICK_ACCURACY]["value"] == round(100 * quick.measures[QUICK_ACCURACY], 2) > 90


def _with_a_task_not_graded(record: StudentRecord) -> StudentRecord:
    """The record, with its encoding task not graded on the grading machine (as without a dataset)."""
    data = record.to_dict()
    for task in data["tasks"]:
        if task["task"] == "encoding":
            task["not_graded"], task["checks"] = "MNIST is not on the grading machine; run `dlgrade data fetch`", []
    return StudentRecord.from_dict(data)


def test_a_task_not_graded_is_never_a_pass_nor_a_silent_zero(records):
    record = _with_a_task_not_graded(records["alice"])
    results = valid(gradescope.results_json(record.report), GRADESCOPE)
    (entry,) = [t for t in results["tests"] if t["tags"] == ["encoding"]]
    assert "status" not in entry and entry["output"].startswith("NOT GRADED: MNIST")
    assert "Not graded: encoding" in results["output"]
    learn = valid(prairielearn.results_json(record), PRAIRIELEARN)
    assert learn["score"] == pytest.approx(5 / 8) and "Not graded: encoding" in learn["message"]
    xml = ET.fromstring(junit.junit_xml(record, graded_at=_NOON))
    (case,) = xml.find("testsuite[@name='encoding']").iter("testcase")
    assert "MNIST" in case.find("skipped").get("message")
    book = lms.moodle_csv({"alice": record}, None, "dlgrade")
    assert book.exported == [] and "not graded yet: encoding" in book.left_out["alice"]


# -- exports ---------------------------------------------------------------------------------------
def test_gradescope_and_prairielearn_exports_follow_their_formats(graded, records, tmp_path):
    for to, schema in (("gradescope", GRADESCOPE), ("prairielearn", PRAIRIELEARN)):
        done = export(graded, to, tmp_path / to)
        assert done.students == ["alice", "bob", "carol", "dave"] and list(done.left_out) == ["dave"]
        for student in done.students:
            path = tmp_path / to / student / "results.json"
            assert path.stat().st_size < PRAIRIELEARN_MAX_BYTES
            valid(json.loads(path.read_text()), schema)
    learn = {s: json.loads((tmp_path / "prairielearn" / s / "results.json").read_text()) for s in records}
    assert learn["alice"]["score"] == 1.0 and learn["alice"]["gradable"] is True
    assert 0 < learn["bob"]["score"] < 1 and learn["bob"]["score"] == pytest.approx(records["bob"].total / 8, abs=1e-6)
    assert learn["dave"]["gradable"] is False and "could not be graded" in learn["dave"]["format_errors"][0]
    bob_tests = {t["name"]: t for t in learn["bob"]["tests"]}
    assert sum(t["points"] for t in bob_tests.values()) == pytest.approx(records["bob"].total, abs=0.01)
    assert bob_tests["encoding / one_hot_course_notes_example"]["message"] == "not attempted"


def test_junit_export_reads_back_with_the_status_of_every_check(graded, records, tmp_path):
    export(graded, "junit", tmp_path)
    for student, record in records.items():
        root = ant_junit(tmp_path / f"{student}.xml")
        cases = {(case.classname, case.name): case for suite in junitparser.JUnitXml.fromfile(
            str(tmp_path / f"{student}.xml")) for case in suite}
        if record.report is None:
            (case,) = cases.values()
            assert isinstance(case.result[0], junitparser.Error) and root.get("errors") == "1"
            continue
        checks = [c for t in record.tasks for c in t.checks]
        assert len(cases) == len(checks) == int(root.get("tests"))
        for check in checks:
            result = cases[(f"{check.task}.{check.tier}", check.check)].result
            kind = (None if check.verdict.passed else junitparser.Error if check.verdict.status in junit.ERRORS
                    else junitparser.Failure)
            assert (type(result[0]) if result else None) is kind, (student, check.check)
    carol = ant_junit(tmp_path / "carol.xml")
    assert carol.find("testsuite[@name='encoding']").get("errors") == carol.find(
        "testsuite[@name='encoding']").get("tests") != "0"   # a module that does not load: errors, not failures


#: Shaped like Canvas's gradebook export: the points row, a test student, an assignment of its own.
CANVAS_ROSTER = [[*CANVAS_HEAD, "Quiz 1 (1234)"], ["    Points Possible", "", "", "", "", "10"],
                 ["Alice Kim", "101", "S-0001", "alice@uni.example", "DL 101", "9"],
                 ["Bob Lee", "102", "bob", "blee@uni.example", "DL 101", "7"],
                 ["Carol Park", "103", "S-0003", "Carol", "DL 102", "8"],
                 ["Student, Test", "999", "", "", "DL 101", ""]]


def _canvas_roster(path: Path) -> Path:
    """CANVAS_ROSTER as the CSV file Canvas gives."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(CANVAS_ROSTER)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def test_canvas_export_matches_students_to_the_roster_and_follows_its_import_rules(graded, records, tmp_path):
    roster = _canvas_roster(tmp_path / "canvas.csv")
    result = CliRunner().invoke(cli, ["export", str(graded), "--to", "canvas", "--roster", str(roster),
                                      "--assignment", "Lab 3", "--out", str(tmp_path / "import.csv")])
    assert result.exit_code == 1 and "left out dave: could not be graded" in result.output, result.output
    rows = list(csv.reader(io.StringIO((tmp_path / "import.csv").read_text(encoding="utf-8"))))
    assert rows[0] == [*CANVAS_HEAD, "Lab 3"]
    assert rows[1][0] == "Points Possible" and float(rows[1][-1]) == 8
    by_id = {row[1]: row for row in rows[2:]}
    assert set(by_id) == {"101", "102", "103"}   # alice by her login's user part, bob by SIS id, carol ignoring case
    for canvas_id, student in (("101", "alice"), ("102", "bob"), ("103", "carol")):
        assert by_id[canvas_id][:5] == next(r for r in CANVAS_ROSTER if r[1] == canvas_id)[:5]
        assert float(by_id[canvas_id][5]) == records[student].total
    no_roster = CliRunner().invoke(cli, ["export", str(graded), "--to", "canvas"])
    assert no_roster.exit_code == 2 and "--roster" in no_roster.output and "Traceback" not in no_roster.output
    (tmp_path / "wrong.csv").write_text("name,grade\nalice,3\n")
    wrong = CliRunner().invoke(cli, ["export", str(graded), "--to", "canvas", "--roster", str(tmp_path / "wrong.csv")])
    assert wrong.exit_code == 2 and "SIS Login ID" in wrong.output


def test_a_student_the_roster_does_not_name_once_is_left_out_and_named(records):
    roster = [{"Student": "A", "ID": "1", "SIS Login ID": "alice"}, {"Student": "B", "ID": "2", "SIS User ID": "ALICE"},
              {"Student": "C", "ID": "3", "SIS Login ID": "carol@uni.example"}]
    book = lms.canvas_csv(records, roster, "dlgrade")
    assert book.exported == ["carol"]
    assert "matches 2 rows" in book.left_out["alice"] and "not in the roster" in book.left_out["bob"]


def test_moodle_export_with_and_without_a_roster(graded, records, tmp_path):
    done = export(graded, "moodle", tmp_path / "moodle.csv", assignment="Lab 3")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "moodle.csv").read_text(encoding="utf-8"))))
    assert [r["Username"] for r in rows] == ["alice", "bob", "carol"] and list(done.left_out) == ["dave"]
    for row in rows:
        assert float(row["Lab 3"]) == records[row["Username"]].total
        assert row["Lab 3 feedback"].startswith(f"{records[row['Username']].total:g} of 8 points: softmax ")
    roster = tmp_path / "participants.csv"
    roster.write_text("First name,Last name,ID number,Email address\nAlice,Kim,S-0001,alice@uni.example\n"
                      "Bob,Lee,S-0002,bob@uni.example\n", encoding="utf-8")
    done = export(graded, "moodle", tmp_path / "mapped.csv", roster=roster)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "mapped.csv").read_text(encoding="utf-8"))))
    assert [(r["ID number"], r["Email address"]) for r in rows] == [("S-0001", "alice@uni.example"),
                                                                   ("S-0002", "bob@uni.example")]
    assert "not in the roster" in done.left_out["carol"]


def test_results_changed_since_the_class_run_are_not_exported(graded, tmp_path):
    copy = tmp_path / "out"
    shutil.copytree(graded, copy)
    report = copy / "students" / "bob" / "report.json"
    data = json.loads(report.read_text())
    for task in data["tasks"]:
        task["points"] = task["max_points"]
    report.write_text(json.dumps(data))
    done = export(copy, "moodle", tmp_path / "moodle.csv")
    assert "bob" not in done.students
    assert "not the ones dlgrade published" in done.left_out["bob"]


def test_a_folder_that_is_not_a_graded_class_or_an_out_that_cannot_be_written_gets_one_line(graded, tmp_path):
    result = CliRunner().invoke(cli, ["export", str(tmp_path), "--to", "junit"])
    assert result.exit_code == 2 and "not a graded class folder" in result.output
    assert len(result.output.strip().splitlines()) == 1
    (tmp_path / "a-file").write_text("")
    for to in ("junit", "moodle"):
        result = CliRunner().invoke(cli, ["export", str(graded), "--to", to, "--out", str(tmp_path / "a-file" / "x")])
        assert result.exit_code == 2 and "cannot write" in result.output and "Traceback" not in result.output
        assert len(result.output.strip().splitlines()) == 1, result.output


def test_text_xml_cannot_hold_is_replaced_not_written(records):
    data = records["bob"].to_dict()
    check = next(c for t in data["tasks"] for c in t["checks"] if c["status"] == "failed")
    check["message"] = "got \x00\x1b[31mred\x1b[0m"
    xml = junit.junit_xml(StudentRecord.from_dict(data), graded_at=_NOON)
    assert "\x00" not in xml and "\x1b" not in xml
    ET.fromstring(xml)


# -- Gradescope's autograder bundle -------------------------------------------------------------------
def _bundle(folder: Path, **settings) -> Path:
    return build_bundle(folder, Settings(TASKS, **settings))


def _autograder_root(tmp_path: Path, bundle: Path, submission: Path | None) -> Path:
    """Gradescope's layout (``autograder.lay_out``) under ``tmp_path/autograder``."""
    root = tmp_path / "autograder"
    lay_out(bundle, root, submission)
    return root


def _run_autograder(root: Path) -> tuple[dict, str]:
    """Run run_autograder as Gradescope does (in /autograder: here ``root``), with this Python and the
    bundle's copy of the kit; (results.json, its stdout)."""
    run = subprocess.run(["bash", str(root / "run_autograder")], cwd=root, env=run_environment(root),
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    return valid(json.loads((root / "results" / "results.json").read_text()), GRADESCOPE), run.stdout


def test_the_bundle_holds_what_gradescope_runs_and_nothing_of_the_kits_tests(tmp_path):
    bundle = _bundle(tmp_path / "one")
    with zipfile.ZipFile(bundle) as archive:
        names = set(archive.namelist())
        modes = {info.filename: info.external_attr >> 16 for info in archive.infolist()}
        setup = archive.read("setup.sh").decode()
    assert {"setup.sh", "run_autograder", "autograder.json", "points.toml"} <= names
    assert modes["setup.sh"] & 0o111 and modes["run_autograder"] & 0o111
    assert {"dlgrade/pyproject.toml", "dlgrade/graders/hidden/test_softmax.py", "dlgrade/solutions/softmax.py",
            "dlgrade/data/manifest.json"} <= names
    assert not [n for n in names if n.startswith(("dlgrade/tests", "dlgrade/docs", "dlgrade/benchmarks"))
                or "__pycache__" in n or n.endswith(".pyc")]
    for script in ("setup.sh", "run_autograder"):
        subprocess.run(["bash", "-n", str(_autograder_root(tmp_path / script, bundle, None) / "source" / script)],
                       check=True)
    assert "torch" not in setup and "data fetch" not in setup   # softmax and encoding need neither
    with_mlp = build_bundle(tmp_path / "mlp", Settings(["mlp"]))
    mlp_setup = zipfile.ZipFile(with_mlp).read("setup.sh").decode()
    assert "download.pytorch.org/whl/cpu" in mlp_setup and "data fetch mnist" in mlp_setup
    assert _bundle(tmp_path / "two").read_bytes() == bundle.read_bytes()   # the same kit, the same bundle


def test_run_autograder_grades_a_submission_in_gradescopes_layout(tmp_path):
    submission = make_submission(tmp_path / "bob", BUG)
    shutil.copy(EXERCISES / "encoding.py", submission / "encoding.py")
    root = _autograder_root(tmp_path, _bundle(tmp_path / "bundle"), submission)
    results, stdout = _run_autograder(root)
    assert f"the kit in {root / 'source' / 'dlgrade'}" in stdout
    expected = grade(submission, TASKS)
    assert results["score"] == expected.total and 0 < expected.total < 8
    assert [t["name"] for t in results["tests"]] == [f"{c.task} / {c.check}" for t in expected.tasks for c in t.checks]
    assert {t["visibility"] for t in results["tests"] if "hidden" in t["tags"]} == {"after_due_date"}


def test_run_autograder_grades_notebooks_and_names_what_stops_a_grade(tmp_path):
    nbformat = pytest.importorskip("nbformat", reason="the notebook path needs nbgrader (pip install -e '.[nbgrader]')")
    from graders.notebooks import generate as notebooks
    from graders.points import TaskPoints

    bundle = _bundle(tmp_path / "bundle")
    handed_in = tmp_path / "notebooks"
    handed_in.mkdir()
    checks, _ = notebooks.collect_checks(["encoding"])
    nbformat.write(notebooks.task_notebook(tasks.get("encoding"), checks["encoding"], TaskPoints(3.0)),
                   handed_in / "encoding.ipynb")
    results, _ = _run_autograder(_autograder_root(tmp_path / "nb", bundle, handed_in))
    encoding = [t for t in results["tests"] if t["tags"][0] == "encoding"]
    assert encoding and all(t["status"] == "passed" for t in encoding)
    assert results["score"] == 3   # softmax.py was not handed in: its task scores 0
    empty, stdout = _run_autograder(_autograder_root(tmp_path / "empty", bundle, None))
    assert empty["score"] == 0 and empty["tests"] == []
    assert empty["output"].startswith("Your submission could not be graded:") and "submit again" in empty["output"]
    slow = _bundle(tmp_path / "slow", time_limit_s=TIME_MARGIN_S + 1)
    sleepy = make_submission(tmp_path / "sleepy")
    (sleepy / "softmax.py").write_text("import time\ntime.sleep(60)\n" + (sleepy / "softmax.py").read_text())
    started = time.monotonic()
    late, stdout = _run_autograder(_autograder_root(tmp_path / "late", slow, sleepy))
    assert "grading took longer than 1 s" in late["output"] and late["score"] == 0
    assert time.monotonic() - started < 30   # stopped at its limit, not at the end of the student's sleep
