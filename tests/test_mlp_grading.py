"""The mlp graders' own behaviour around the checks: time budget, the GPU check on a CPU machine, the
feedback figures, settings from the points file graded with. (Each buggy trainer is in tests/variants/mlp/;
missing data is in tests/test_not_graded.py.)"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from graders.testing import mlp_grading as g  # noqa: E402
from graders.engine.feedback import NotGraded  # noqa: E402
from graders.engine.runner import grade  # noqa: E402
from graders.points import DEFAULT_POINTS  # noqa: E402
from graders.testing import plots  # noqa: E402
from tests.kit import SOLUTIONS, make_submission  # noqa: E402

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

HAS_MNIST = bool(os.environ.get("DLGRADE_DATA")) or g.datasets.locate("mnist") is not None
needs_mnist = pytest.mark.skipif(not HAS_MNIST, reason="MNIST not found: set DLGRADE_DATA")


def only(*checks: str) -> tuple:
    return ("-k", " or ".join(checks))


def verdicts(report) -> dict:
    (task,) = report.tasks
    return {c.check: c.verdict for c in task.checks}


def points_file(folder: Path, settings: str) -> Path:
    """A course's points file: mlp's points and these ``[tasks.mlp.settings]`` lines."""
    path = folder / "course.toml"
    path.write_text(f"[tasks.mlp]\npoints = 20\n\n[tasks.mlp.settings]\n{settings}\n", encoding="utf-8")
    return path


@needs_mnist
def test_a_trainer_over_its_budget_fails_with_that_reason(tmp_path):
    submission = make_submission(tmp_path / "sub")
    with open(submission / "mlp.py", "a", encoding="utf-8") as module:
        module.write("\n\ndef train(model, x_train, y_train, config=None):\n"
                     "    import time\n    time.sleep(60)\n")
    report = grade(submission, ["mlp"], points_file=points_file(tmp_path, "quick_budget_s = 2"),
                   pytest_args=only("mnist_quick_accuracy"))
    verdict = verdicts(report)["mnist_quick_accuracy"]
    assert verdict.status == "timeout"
    assert "did not finish within 2 s" in verdict.message


@needs_mnist
def test_the_points_file_graded_with_sets_the_thresholds(tmp_path):
    """`dlgrade grade --points course.toml` grades with the course's [tasks.mlp.settings], not the kit's:
    a threshold of 99.9% fails the reference's quick check (made cheap: 2,000 images, one epoch)."""
    course = points_file(tmp_path, "quick_threshold = 0.999\nquick_train_samples = 2000\nquick_epochs = 1")
    report = grade(SOLUTIONS, ["mlp"], points_file=course, pytest_args=only("mnist_quick_accuracy"))
    verdict = verdicts(report)["mnist_quick_accuracy"]
    assert verdict.status == "failed" and ">= 99.9%" in verdict.message
    assert "after training on 2,000 images" in verdict.message
    assert g.settings()["quick_threshold"] == 0.945  # the course's file applied to that grading only


def test_the_gpu_check_says_plainly_it_was_not_run(monkeypatch):
    """Without a GPU the GPU check is not run, and it says whether the quick check ran instead: here it
    was left out (see the next test for the grading where it ran)."""
    monkeypatch.setenv("DLGRADE_DEVICE", "cpu")
    report = grade(SOLUTIONS, ["mlp"], pytest_args=only("mnist_gpu_accuracy"))
    verdict = verdicts(report)["mnist_gpu_accuracy"]
    assert verdict.status == "not run"
    assert "no CUDA GPU" in verdict.message and "ran instead" not in verdict.message
    assert "mnist_quick_accuracy did not run in this grading either" in verdict.message


@pytest.mark.skipif(torch.cuda.is_available(), reason="this machine's worker reaches a real GPU")
def test_a_gpu_the_worker_cannot_reach_is_not_run_and_says_why(monkeypatch):
    """The grader's torch sees a GPU that the worker's does not (say, a sandbox without /dev/nvidia*):
    the GPU check is not run, with the reason, instead of a CUDA crash blamed on the student."""
    monkeypatch.delenv("DLGRADE_DEVICE", raising=False)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)  # the grader's process only
    report = grade(SOLUTIONS, ["mlp"], pytest_args=only("mnist_gpu_accuracy"))
    verdict = verdicts(report)["mnist_gpu_accuracy"]
    assert verdict.status == "not run"
    assert "cannot reach it" in verdict.message and "dlgrade doctor" in verdict.message

    from graders.env import doctor

    finding = doctor.gpu_worker_check()
    assert not finding.ok and "cannot reach the GPU" in finding.detail and "LD_LIBRARY_PATH" in finding.fix


def test_doctor_checks_the_workers_gpu_only_where_there_is_one(monkeypatch):
    from graders.env import doctor

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert doctor.gpu_worker_check() is None


@needs_mnist
def test_the_quick_run_writes_loss_curves_confusion_matrix_and_metrics(tmp_path, monkeypatch):
    """The quick run's figures; and the GPU check, not run on a CPU, says the quick check ran instead."""
    monkeypatch.setenv("DLGRADE_DEVICE", "cpu")
    report = grade(SOLUTIONS, ["mlp"], artifacts=tmp_path, pytest_args=only("mnist_quick_accuracy",
                                                                           "mnist_gpu_accuracy"))
    by_name = verdicts(report)
    assert by_name["mnist_quick_accuracy"].passed
    assert by_name["mnist_gpu_accuracy"].status == "not run"
    assert "the smaller CPU check mnist_quick_accuracy ran instead" in by_name["mnist_gpu_accuracy"].message
    for name in ("mlp_quick_loss.png", "mlp_quick_confusion.png"):
        assert (tmp_path / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    metrics = json.loads((tmp_path / "mlp_quick.json").read_text())
    assert metrics["accuracy"] >= g.settings()["quick_threshold"]
    assert len(metrics["train_loss"]) == metrics["epochs_run"] > 0


def test_confusion_matrix_counts_true_rows_and_predicted_columns():
    counts = plots.confusion_matrix(np.array([0, 0, 1, 2, 2]), np.array([0, 1, 1, 2, 9]), 3)
    assert counts.tolist() == [[1, 1, 0], [0, 1, 0], [0, 0, 1]]  # the out-of-range 9 is left out


def test_plots_are_png_files(tmp_path):
    plots.loss_curves([1.0, 0.5, 0.4], [0.9, 0.6, 0.7], tmp_path / "loss.png", title="t", best_epoch=1)
    plots.confusion_plot(np.arange(10), np.arange(10), [str(i) for i in range(10)], tmp_path / "cm.png", title="t")
    assert all((tmp_path / n).read_bytes()[:4] == b"\x89PNG" for n in ("loss.png", "cm.png"))


def test_settings_come_from_points_toml_and_refuse_unknown_keys(tmp_path):
    """graders/points.toml by default; a misspelt key leaves the task not graded, saying which and the fix."""
    assert g.settings()["gpu_threshold"] == 0.975
    kit_table = tomllib.loads(DEFAULT_POINTS.read_text(encoding="utf-8"))["tasks"]["mlp"]["settings"]
    assert all(g.DEFAULT_SETTINGS[key] == value for key, value in kit_table.items())  # its comments say so
    course = points_file(tmp_path, "gpu_threshold = 0.99")
    assert g.settings(source=course)["gpu_threshold"] == 0.99 and g.settings(source=course)["quick_threshold"] == 0.945
    with pytest.raises(NotGraded, match="quick_treshold") as raised:
        g.settings(source=points_file(tmp_path, "quick_treshold = 0.9"))
    assert "quick_threshold" in raised.value.fix
    without_table = tmp_path / "plain.toml"
    without_table.write_text("[tasks.mlp]\npoints = 10\n", encoding="utf-8")
    assert g.settings(source=without_table) == g.DEFAULT_SETTINGS


def test_the_training_data_is_relabelled_and_sorted():
    digits = np.array([5, 0, 4, 1, 9, 2, 1, 3])
    fake = g.datasets.Dataset("mnist", "MNIST", tuple("0123456789"), Path("."),
                              np.arange(8, dtype=np.uint8).reshape(8, 1, 1).repeat(28, 1).repeat(28, 2),
                              digits.astype(np.uint8), None, None)
    x, y = g.sorted_subset(fake, 8)
    assert np.all(np.diff(y) >= 0) and sorted(y) == sorted(g.RELABEL[digits])
    assert np.array_equal(g.RELABEL[digits[x[:, 0, 0]]], y)  # every image keeps its (renamed) label
    assert sorted(g.RELABEL) == list(range(10)) and np.all(g.RELABEL != np.arange(10))


def test_collecting_the_suites_imports_no_torch():
    """`pytest graders/public -m softmax` (README) and `dlgrade nbgrader` collect the mlp suites too: only a
    check that runs imports PyTorch (1.6 s), and the suites are still skipped whole where it is missing."""
    import subprocess

    code = ("import sys, pytest\n"
            "status = pytest.main(['graders/public', 'graders/hidden', '--collect-only', '-q', '-p', 'no:cacheprovider'])\n"
            "print('torch imported' if 'torch' in sys.modules else 'no torch', int(status))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=SOLUTIONS.parent, capture_output=True, text=True)
    assert done.stdout.strip().splitlines()[-1] == "no torch 0", done.stdout + done.stderr
    assert "test_mlp.py::test_preprocess_matches_reference" in done.stdout   # the mlp suites were collected
