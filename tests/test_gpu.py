"""The mlp task's GPU path, end to end. Runs only where torch sees a CUDA GPU (CI has none).

On a machine with a GPU: ``bash benchmarks/gpu_check.sh OUT_DIR`` runs these with the
benchmark and the grader, or ``python -m pytest tests/test_gpu.py -v -s`` alone.
"""
import json

import pytest

torch = pytest.importorskip("torch")

from graders.testing import mlp_grading as g  # noqa: E402
from graders.engine import sandbox  # noqa: E402
from graders.engine.remote import Worker  # noqa: E402
from graders.engine.runner import grade  # noqa: E402
from graders.env import datasets
from tests.kit import EXERCISES, SOLUTIONS  # noqa: E402

pytestmark = pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA GPU here")
needs_mnist = pytest.mark.skipif(datasets.locate("mnist") is None, reason="MNIST not found: set DLGRADE_DATA")
ISOLATION = ["none"] + (["bwrap"] if sandbox.probe()[0] else [])


@pytest.mark.parametrize("mode", ISOLATION)
def test_student_code_computes_on_the_gpu(mode, monkeypatch):
    monkeypatch.setenv(sandbox.ENV, mode)
    worker = Worker(EXERCISES, "mlp", memory_mb=None)
    try:
        worker_torch = worker.ensure_started().torch
        assert worker_torch.cuda.is_available()
        total = worker_torch.ones(1000, device="cuda").sum()
        assert float(total) == 1000.0
    finally:
        worker.stop()


@needs_mnist
def test_the_reference_passes_the_gpu_check_the_same_way_twice(tmp_path):
    """Both MNIST checks run on the GPU, pass, and give the same figures in a second run."""
    runs = []
    for run in ("first", "second"):
        out = tmp_path / run
        out.mkdir()
        report = grade(SOLUTIONS, ["mlp"], artifacts=out,
                       pytest_args=("-k", "mnist_gpu_accuracy or mnist_quick_accuracy"))
        (task,) = report.tasks
        for check in task.checks:
            assert check.verdict.passed, f"{check.check}: {check.verdict.status}: {check.verdict.message}"
        metrics = {tag: json.loads((out / f"mlp_{tag}.json").read_text()) for tag in ("quick", "gpu")}
        for tag, figures in metrics.items():
            assert figures["config"]["device"] == "cuda", tag
            print(f"\n{run} run, {tag}: {figures['summary']}")
        assert metrics["gpu"]["accuracy"] >= g.settings()["gpu_threshold"]
        runs.append(metrics)
    for tag in ("quick", "gpu"):
        assert runs[1][tag]["accuracy"] == runs[0][tag]["accuracy"], tag
        assert runs[1][tag]["valid_loss"] == runs[0][tag]["valid_loss"], tag
