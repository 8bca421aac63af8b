"""A module that does not load costs only the task that uses it: in `dlgrade grade`, the student's
`dlgrade check`, `grade-class`, and the notebook path (`dlgrade extract` + `dlgrade grade`)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from graders import tasks
from graders.classroom.grading import STUDENTS, grade_class, read_report
from graders.cli.kit import main
from graders.points import TaskPoints
from tests.kit import gradescope_tasks, make_submission

BROKEN = "softmax"      # the task whose module is broken
CONTROL = "encoding"    # a task in the same submission that must keep full marks
CASES = {
    "syntax_error": ("def oops(:\n    pass\n", "syntax error"),
    "import_error": ("import no_such_module_for_dlgrade\n", "an import failed"),
    "exception_at_import": ("raise RuntimeError('printing my tests at import')\n", "raised RuntimeError"),
    "missing_file": (None, "was not found"),
}


def broken_submission(folder, case: str):
    make_submission(folder)
    text, _ = CASES[case]
    module = folder / f"{BROKEN}.py"
    if text is None:
        module.unlink()
    else:
        module.write_text(module.read_text() + "\n" + text)
    return folder


@pytest.mark.parametrize("case", CASES)
def test_grade_costs_only_the_broken_task(case, tmp_path):
    submission = broken_submission(tmp_path / "sub", case)
    result = CliRunner().invoke(main, ["grade", str(submission), "--tasks", f"{BROKEN},{CONTROL}",
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "out" / "results.json").read_text())
    scores = gradescope_tasks(report)
    assert scores[BROKEN][0] == 0 and scores[CONTROL][0] == scores[CONTROL][1] > 0
    feedback = (tmp_path / "out" / "feedback.txt").read_text()
    assert CASES[case][1] in feedback
    assert "a property of the result does not hold" not in feedback


@pytest.mark.parametrize("case", ["syntax_error", "missing_file"])
def test_check_costs_only_the_broken_task(case, tmp_path):
    submission = broken_submission(tmp_path / "sub", case)
    result = CliRunner().invoke(main, ["check", BROKEN, CONTROL, "--path", str(submission)])
    assert result.exit_code == 1, result.output
    lines = {line.split()[0]: line for line in result.output.splitlines() if line and not line.startswith(" ")}
    assert "passed" in lines[CONTROL] and "passed" not in lines[BROKEN]
    assert CASES[case][1] in result.output


def test_grade_class_costs_only_the_broken_task(tmp_path):
    for case in CASES:
        broken_submission(tmp_path / "class" / case, case)
    grade_class(tmp_path / "class", tmp_path / "out", task_ids=[BROKEN, CONTROL], workers=2)
    for case, (_, words) in CASES.items():
        report = read_report(tmp_path / "out" / STUDENTS / case)
        by_task = {t["task"]: t for t in report["tasks"]}
        assert by_task[BROKEN]["points"] == 0 and words in by_task[BROKEN]["checks"][0]["message"]
        assert by_task[CONTROL]["points"] == by_task[CONTROL]["max_points"], case


def test_a_broken_notebook_costs_only_its_task(tmp_path):
    """A notebook whose solution cell does not parse, and one that is not a notebook at all,
    next to a good one: `dlgrade extract` says which it could not read, `dlgrade grade` scores
    the good one in full."""
    nbformat = pytest.importorskip("nbformat", reason="the notebook path needs nbgrader (pip install -e '.[nbgrader]')")
    from graders.notebooks import generate as notebooks
    folder = tmp_path / "submitted"
    folder.mkdir()
    checks, _ = notebooks.collect_checks([BROKEN, CONTROL])
    for task_id in (BROKEN, CONTROL):
        notebook = notebooks.task_notebook(tasks.get(task_id), checks[task_id], TaskPoints(1.0))
        if task_id == BROKEN:
            cell = next(c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("solution"))
            cell.source += "\ndef oops(:\n    pass\n"
        nbformat.write(notebook, folder / f"{task_id}.ipynb")
    (folder / "losses.ipynb").write_text("{ this is not a notebook")
    extracted = CliRunner().invoke(main, ["extract", str(folder), str(tmp_path / "modules")])
    assert extracted.exit_code == 0, extracted.output
    assert "losses.ipynb" in extracted.output and "not a valid notebook" in extracted.output
    result = CliRunner().invoke(main, ["grade", str(tmp_path / "modules"), "--tasks", f"{BROKEN},{CONTROL}",
                                       "--out", str(tmp_path / "out")])
    scores = gradescope_tasks(json.loads((tmp_path / "out" / "results.json").read_text()))
    assert scores[BROKEN][0] == 0 and scores[CONTROL][0] == scores[CONTROL][1], result.output
