"""The result model (graders/results.py): every output is made from it, and report.json reads back as it."""
import ast
import json
from pathlib import Path

from graders.results import CheckResult, GradeReport, State, Status, StudentRecord, TaskResult, Verdict

GRADERS = Path(__file__).resolve().parents[1] / "graders"


def _through_json(data: dict) -> dict:
    return json.loads(json.dumps(data, sort_keys=True))


def test_a_grade_reads_back_from_its_json_as_it_was(reference_report, stub_report):
    for report in (reference_report, stub_report):
        assert GradeReport.from_dict(_through_json(report.to_dict())) == report
        record = StudentRecord("ann", State.GRADED, report, content_hash="c0ffee", fingerprint="f00d")
        again = StudentRecord.from_dict(_through_json(record.to_dict()))
        assert again == record and again.total == report.total and again.complete == report.complete
    statuses = {c.verdict.status for r in (reference_report, stub_report) for t in r.tasks for c in t.checks}
    assert {Status.PASSED, Status.NOT_ATTEMPTED} <= statuses


def test_what_was_not_graded_or_not_run_reads_back_too():
    not_run = CheckResult("mlp", "gpu_accuracy", "hidden", "runs on a GPU", 2.0,
                          Verdict(Status.NOT_RUN, "no GPU on this machine"))
    passed = CheckResult("mlp", "quick_accuracy", "public", "", 1.0, Verdict(Status.PASSED))
    report = GradeReport("bob", [TaskResult("mlp", "MLP", 3.0, 3.0, [passed, not_run]),
                                 TaskResult("softmax", "Softmax", 0.0, 5.0, not_graded="no numpy; pip install numpy")],
                         notes=["left out: a.bin"], grader_notes=["process isolation only"])
    assert report.tasks[0].status is Status.PASSED and report.tasks[1].status is Status.NOT_GRADED
    assert not report.complete and report.total == 3.0
    record = StudentRecord("bob", State.GRADED, report)
    assert StudentRecord.from_dict(_through_json(record.to_dict())) == record
    failed = StudentRecord.could_not_grade("carol", "a folder in the wrong shape", "hash", "print")
    data = _through_json(failed.to_dict())
    assert data["state"] == "failed" and data["total"] is None and data["tasks"] == []
    assert StudentRecord.from_dict(data) == failed and not failed.graded


def test_status_words_are_spelled_in_the_result_model_only():
    """Outside graders/results.py no string constant is a status word (docstrings aside; the worker
    speaks its wire protocol, not results, and the gradebook formats write other platforms' words:
    JUnit's ``<error>``, Gradescope's "passed", which are not the kit's statuses even where spelled alike)."""
    words = {s.value for s in Status} | {s.value for s in State}
    found = []
    for path in sorted(GRADERS.rglob("*.py")):
        if path.name == "results.py" or "worker" in path.parts or "gradebooks" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                      and node.body and isinstance(node.body[0], ast.Expr)}
        found += [f"{path.relative_to(GRADERS)}:{node.lineno}: {node.value!r}" for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and node.value in words and id(node) not in docstrings]
    assert not found, found
