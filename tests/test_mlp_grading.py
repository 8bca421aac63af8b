"""The mlp graders' own behaviour around the checks: time budget, missing data, the GPU check on a
CPU machine, the feedback figures, settings. (Each buggy trainer is in tests/variants/mlp/.)"""
from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from graders import mlp_grading as g
from graders import plots
from graders.runner import grade
from tests.kit import SOLUTIONS, make_submission

pytest.importorskip("torch")

HAS_MNIST = bool(os.environ.get("DLGRADE_DATA")) or g.datasets.locate("mnist") is not None
needs_mnist = pytest.mark.skipif(not HAS_MNIST, reason="MNIST not found: set DLGRADE_DATA")


def only(*checks: str) -> tuple:
    return ("-k", " or ".join(checks))


def verdicts(report) -> dict:
    (task,) = report.tasks
    return {c.check: c.verdict for c in task.checks}


@needs_mnist
def test_a_trainer_over_its_budget_fails_with_that_reason(tmp_path, monkeypatch):
    settings = tmp_path / "mlp.toml"
    settings.write_text("[tasks.mlp.settings]\nquick_budget_s = 2\n")
    monkeypatch.setenv(g.SETTINGS_ENV, str(settings))
    submission = make_submission(tmp_path / "sub")
    with open(submission / "mlp.py", "a", encoding="utf-8") as module:
        module.write("\n\ndef train(model, x_train, y_train, config=None):\n"
                     "    import time\n    time.sleep(60)\n")
    verdict = verdicts(grade(submission, ["mlp"], extra_args=only("mnist_quick_accuracy")))["mnist_quick_accuracy"]
    assert verdict.status == "timeout"
    assert "did not finish within 2 s" in verdict.message


def test_missing_mnist_is_not_run_with_the_fix(tmp_path, monkeypatch):
    monkeypatch.delenv("DLGRADE_DATA", raising=False)
    monkeypatch.setenv("DLGRADE_CACHE", str(tmp_path / "empty-cache"))
    monkeypatch.setenv("DLGRADE_OFFLINE", "1")
    report = grade(SOLUTIONS, ["mlp"], extra_args=only("mnist_quick_accuracy", "uses_only_the_data_given"))
    for verdict in verdicts(report).values():
        assert verdict.status == "not run"
        assert "train-images-idx3-ubyte.gz" in verdict.message and "DLGRADE_DATA" in verdict.message
    (task,) = report.tasks
    assert task.max_points > 0 and task.points == 0  # nothing ran, so nothing earned: no silent pass


def test_the_gpu_check_says_plainly_it_was_not_run(monkeypatch):
    monkeypatch.setenv("DLGRADE_DEVICE", "cpu")
    report = grade(SOLUTIONS, ["mlp"], extra_args=only("mnist_gpu_accuracy"))
    verdict = verdicts(report)["mnist_gpu_accuracy"]
    assert verdict.status == "not run"
    assert "no CUDA GPU" in verdict.message and "mnist_quick_accuracy ran instead" in verdict.message


@pytest.mark.skipif(g.torch.cuda.is_available(), reason="this machine's worker reaches a real GPU")
def test_a_gpu_the_worker_cannot_reach_is_not_run_and_says_why(monkeypatch):
    """The grader's torch sees a GPU that the worker's does not (say, a sandbox without /dev/nvidia*):
    the GPU check is not run, with the reason, instead of a CUDA crash blamed on the student."""
    monkeypatch.delenv("DLGRADE_DEVICE", raising=False)
    monkeypatch.setattr(g.torch.cuda, "is_available", lambda: True)  # the grader's process only
    report = grade(SOLUTIONS, ["mlp"], extra_args=only("mnist_gpu_accuracy"))
    verdict = verdicts(report)["mnist_gpu_accuracy"]
    assert verdict.status == "not run"
    assert "cannot reach it" in verdict.message and "dlgrade doctor" in verdict.message

    from graders import doctor

    finding = doctor.gpu_worker_check()
    assert not finding.ok and "cannot reach the GPU" in finding.detail and "LD_LIBRARY_PATH" in finding.fix


def test_doctor_checks_the_workers_gpu_only_where_there_is_one(monkeypatch):
    from graders import doctor

    monkeypatch.setattr(g.torch.cuda, "is_available", lambda: False)
    assert doctor.gpu_worker_check() is None


@needs_mnist
def test_the_quick_run_writes_loss_curves_confusion_matrix_and_metrics(tmp_path):
    report = grade(SOLUTIONS, ["mlp"], artifacts=tmp_path, extra_args=only("mnist_quick_accuracy"))
    assert verdicts(report)["mnist_quick_accuracy"].passed
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


def test_settings_come_from_points_toml_and_refuse_unknown_keys(tmp_path, monkeypatch):
    assert g.settings()["gpu_threshold"] == 0.975
    bad = tmp_path / "bad.toml"
    bad.write_text("[tasks.mlp.settings]\nquick_treshold = 0.9\n")
    monkeypatch.setenv(g.SETTINGS_ENV, str(bad))
    with pytest.raises(ValueError, match="quick_treshold"):
        g.settings()


def test_the_training_data_is_relabelled_and_sorted():
    digits = np.array([5, 0, 4, 1, 9, 2, 1, 3])
    fake = g.datasets.Dataset("mnist", "MNIST", tuple("0123456789"), Path("."),
                              np.arange(8, dtype=np.uint8).reshape(8, 1, 1).repeat(28, 1).repeat(28, 2),
                              digits.astype(np.uint8), None, None)
    x, y = g.sorted_subset(fake, 8)
    assert np.all(np.diff(y) >= 0) and sorted(y) == sorted(g.RELABEL[digits])
    assert np.array_equal(g.RELABEL[digits[x[:, 0, 0]]], y)  # every image keeps its (renamed) label
    assert sorted(g.RELABEL) == list(range(10)) and np.all(g.RELABEL != np.arange(10))
