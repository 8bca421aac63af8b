"""What could not be graded for a reason on the grader's side is reported as not graded, with the
reason and the fix, never scored on the checks that happened to run; the exit status says so."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from graders import tasks
from graders.cli.kit import main
from graders.env import datasets
from tests.kit import SOLUTIONS, gradescope_tasks


@pytest.fixture
def no_torch(monkeypatch):
    """The grader as on a machine without PyTorch."""
    real = tasks.Requirement.missing
    monkeypatch.setattr(tasks.Requirement, "missing", lambda self: self.module == "torch" or real(self))


def test_without_torch_check_names_the_task_the_reason_and_the_fix(no_torch):
    result = CliRunner().invoke(main, ["check", "mlp", "encoding", "--path", str(SOLUTIONS)])
    assert result.exit_code == 3, result.output
    assert "mlp" in result.output and "not graded" in result.output
    assert "PyTorch is not installed" in result.output and "pip install torch" in result.output
    assert "encoding" in result.output and "passed" in result.output


def test_without_torch_grade_scores_nothing_for_the_task_and_exits_3(no_torch, tmp_path):
    result = CliRunner().invoke(main, ["grade", str(SOLUTIONS), "--tasks", "mlp,encoding", "--out", str(tmp_path)])
    assert result.exit_code == 3, result.output
    assert "not graded" in result.output
    results = json.loads((tmp_path / "results.json").read_text())
    (mlp,) = [t for t in results["tests"] if t["tags"] == ["mlp"]]
    assert mlp["score"] == 0 and mlp["output"].startswith("NOT GRADED: PyTorch") and "status" not in mlp
    encoding, most = gradescope_tasks(results)["encoding"]
    assert encoding == most > 0
    assert results["score"] == most and "Not graded: mlp" in results["output"]
    feedback = (tmp_path / "feedback.txt").read_text()
    assert "mlp: not graded" in feedback and "Not graded: mlp" in feedback


def test_the_isolation_note_is_for_the_instructor_not_the_student(tmp_path):
    result = CliRunner().invoke(main, ["grade", str(SOLUTIONS), "--tasks", "encoding", "--out", str(tmp_path)])
    assert "isolation" in result.output or "sandbox" in result.output
    student_visible = (tmp_path / "feedback.txt").read_text() + json.dumps(json.loads(
        (tmp_path / "results.json").read_text()))
    assert "sandbox" not in student_visible and "isolation" not in student_visible


def test_check_names_every_failing_check(tmp_path):
    """`dlgrade check` shows the first failing check in full and names the others; --all shows them all."""
    from tests.kit import make_submission

    submission = make_submission(tmp_path / "sub")
    (submission / "softmax.py").write_text("import numpy as np\n\n\ndef softmax(a):\n"
                                           "    return np.exp(a) / np.sum(np.exp(a))\n")
    short = CliRunner().invoke(main, ["check", "softmax", "--path", str(submission)])
    assert short.exit_code == 1, short.output
    assert "more check(s) did not pass:" in short.output
    named = short.output.split("more check(s) did not pass:", 1)[1].split()
    full = CliRunner().invoke(main, ["check", "softmax", "--path", str(submission), "--all"])
    assert all(f"softmax / {name.rstrip(',')}" in full.output for name in named), full.output


# -- mlp without MNIST on the grading machine ---------------------------------------------------

MNIST = datasets.locate("mnist")  # before any test hides it: the class test's second run uses it
needs_mnist = pytest.mark.skipif(MNIST is None, reason="MNIST not found: set DLGRADE_DATA")


@pytest.fixture
def no_mnist(monkeypatch, tmp_path):
    """The grader as on a machine without MNIST and offline: DLGRADE_DATA and the cache are empty
    folders, downloads are switched off (DLGRADE_OFFLINE=1, which class runs' grader processes
    inherit), and a download attempted in this process fails the test."""
    pytest.importorskip("torch")
    for name in ("data", "cache"):
        (tmp_path / name).mkdir()
    monkeypatch.setenv("DLGRADE_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("DLGRADE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("DLGRADE_OFFLINE", "1")

    def no_network(*args, **kwargs):
        raise AssertionError("the dataset loader tried to download")

    monkeypatch.setattr(datasets, "_download", no_network)
    return tmp_path


def test_without_mnist_grade_leaves_mlp_not_graded_with_the_fix(no_mnist, tmp_path):
    """Once read 20/20 from the checks that need no data; the task is not graded, and exit status 3."""
    result = CliRunner().invoke(main, ["grade", str(SOLUTIONS), "--tasks", "mlp", "--out", str(tmp_path / "out")])
    assert result.exit_code == 3, result.output
    assert "not graded" in result.output and "was not found on this machine" in result.output
    assert "set DLGRADE_DATA to it" in result.output and "train-images-idx3-ubyte.gz" in result.output  # the fix
    results = json.loads((tmp_path / "out" / "results.json").read_text())
    (mlp,) = results["tests"]
    assert mlp["score"] == 0 and mlp["output"].startswith("NOT GRADED: the grading machine has no usable mnist")


def test_without_mnist_the_gpu_check_does_not_claim_the_quick_check_ran(no_mnist, monkeypatch):
    from graders.engine.runner import grade

    monkeypatch.setenv("DLGRADE_DEVICE", "cpu")
    report = grade(SOLUTIONS, ["mlp"], pytest_args=("-k", "mnist"))
    (task,) = report.tasks
    by_name = {c.check: c.verdict for c in task.checks}
    assert by_name["mnist_quick_accuracy"].status == "not graded"
    assert by_name["mnist_gpu_accuracy"].status == "not run"
    assert "ran instead" not in by_name["mnist_gpu_accuracy"].message
    assert "did not run in this grading either" in by_name["mnist_gpu_accuracy"].message
    assert not task.graded and task.points == 0 and "was not found on this machine" in task.not_graded


def test_without_mnist_check_names_mlp_as_not_graded(no_mnist):
    """Once printed "15/17 checks passed" without naming the two that did not run."""
    result = CliRunner().invoke(main, ["check", "mlp", "--path", str(SOLUTIONS)])
    assert result.exit_code == 3, result.output
    assert "mlp" in result.output and "not graded" in result.output and "DLGRADE_DATA" in result.output
    assert "checks passed" not in result.output and "/17" not in result.output


@needs_mnist
def test_a_class_run_flags_mlp_without_mnist_and_regrades_it_once_the_data_is_there(no_mnist, monkeypatch,
                                                                                      tmp_path):
    from graders.classroom.grading import STUDENTS, read_report

    class_dir, out = tmp_path / "class", tmp_path / "out"
    from tests.kit import make_submission

    make_submission(class_dir / "alice")
    course = tmp_path / "course.toml"  # a quick check made cheap (2,000 images, one epoch) for this test
    course.write_text("[tasks.mlp]\npoints = 20\n\n[tasks.mlp.settings]\nquick_train_samples = 2000\n"
                      "quick_epochs = 1\nquick_threshold = 0.5\n", encoding="utf-8")
    command = ["grade-class", str(class_dir), "--out", str(out), "--tasks", "mlp", "--workers", "1",
               "--points", str(course)]
    first = CliRunner().invoke(main, command)
    assert first.exit_code == 3, first.output
    assert "not graded" in first.output and "mlp" in first.output
    (row,) = list(csv.DictReader(io.StringIO((out / "grades.csv").read_text())))
    assert row["mlp"] == "" and row["problem"].startswith("not graded: mlp: ")
    assert "DLGRADE_DATA" in row["problem"]
    summary = (out / "summary.md").read_text()
    assert "**Not graded** for 1 student(s) (alice)" in summary and "mnist" in summary

    monkeypatch.setenv("DLGRADE_DATA", str(MNIST))  # the data is there now: alice is graded again
    second = CliRunner().invoke(main, command)
    assert second.exit_code == 0, second.output
    report = read_report(out / STUDENTS / "alice")
    assert report["state"] == "graded" and report["complete"] and report["total"] == 20
    (row,) = list(csv.DictReader(io.StringIO((out / "grades.csv").read_text())))
    assert row["mlp"] == "20" and row["problem"] == ""
    assert "Not graded" not in (out / "summary.md").read_text()


def test_a_grader_suite_that_cannot_be_loaded_costs_only_its_task(tmp_path, monkeypatch):
    """A broken grader suite (the kit's own fault) leaves its task not graded, with why; the other
    tasks are graded as usual (pytest goes on past the collection error)."""
    from graders.engine import runner

    broken = tmp_path / "hidden" / "test_softmax.py"
    broken.parent.mkdir()
    broken.write_text("import a_module_that_does_not_exist\n")
    suites = runner.suite_files
    monkeypatch.setattr(runner, "suite_files", lambda ids, tiers: [
        broken if (p.parent.name, p.name) == ("hidden", "test_softmax.py") else p for p in suites(ids, tiers)])
    # pytest names a suite by its path under the rootdir: as the kit's own suites are named (graders/hidden/...)
    softmax, gates = runner.grade(SOLUTIONS, ["softmax", "gates"], pytest_args=(f"--rootdir={tmp_path}",)).tasks
    assert not softmax.graded and "grader suite could not be loaded" in softmax.not_graded, softmax.not_graded
    assert "a_module_that_does_not_exist" in softmax.not_graded
    assert gates.graded and gates.points == gates.max_points
