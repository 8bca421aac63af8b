"""Submissions that try to decide their own grade (tests/hostile/forgery/) get the grade their work earns;
those that make the grader's own functions work for them (tests/hostile/callbacks/) cost it a bounded time
and memory, and fail their own check with that reason."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from graders.engine.remote import CALLBACK_MEMORY_BYTES, Worker
from graders.engine.runner import grade
from graders.env import datasets
from tests.hostile import CALLBACKS, FORGERY, all_cases
from tests.kit import KIT, Variant, make_submission


def test_forgery_cases_are_not_in_the_class_corpus():
    assert not [case for case in all_cases() if FORGERY in case.path.parents]


def forgery(task: str, name: str) -> Variant:
    return Variant(task, FORGERY / task / f"{name}.py")


@pytest.mark.parametrize("name", ["cuda_says_yes", "cuda_says_no"])
def test_the_worker_probe_not_the_student_module_says_whether_there_is_a_gpu(name, tmp_path):
    """The probe runs before the module loads, and a torch.py in the submission is not what it imports."""
    torch = pytest.importorskip("torch")
    submission = make_submission(tmp_path / "sub", forgery("mlp", name))
    (submission / "torch.py").write_text("class cuda:\n    is_available = staticmethod(lambda: True)\n")
    worker = Worker(submission, "mlp", memory_mb=None, probe_cuda=True)
    try:
        module = worker.ensure_started()
        assert worker.cuda is torch.cuda.is_available()
        assert module.torch.cuda.is_available() is (name == "cuda_says_yes")  # what the student's code sees
    finally:
        worker.stop()


@pytest.mark.skipif(datasets.locate("mnist") is None, reason="MNIST not found: set DLGRADE_DATA")
@pytest.mark.parametrize("name", ["cuda_says_yes", "cuda_says_no"])
def test_the_gpu_check_runs_where_the_grader_finds_a_gpu_whatever_the_module_says(name, tmp_path):
    torch = pytest.importorskip("torch")
    report = grade(make_submission(tmp_path / "sub", forgery("mlp", name)), ["mlp"], shrink=False,
                   checks={"mnist_gpu_accuracy"})
    (task,) = report.tasks
    (check,) = task.checks
    if torch.cuda.is_available():
        assert check.verdict.status != "not run", check.verdict.message
    else:
        assert check.verdict.status == "not run", check.verdict.message
        assert "no CUDA GPU" in check.verdict.message


GRADE_AND_MEASURE = """
import json, resource, sys
from graders.engine.runner import grade
limit = float(sys.argv[4]) if len(sys.argv) > 4 else None
report = grade(sys.argv[1], [sys.argv[2]], shrink=False, checks={sys.argv[3]}, max_call_timeout=limit)
(check,) = report.tasks[0].checks
print(json.dumps({"status": check.verdict.status, "message": check.verdict.message,
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def grade_in_a_process_of_its_own(submission, task: str, check: str, call_limit_s: float | None = None) -> dict:
    """One check graded in a fresh grader process (every time limit capped at ``call_limit_s``): its verdict
    and that process's peak memory."""
    limit = [] if call_limit_s is None else [str(call_limit_s)]
    done = subprocess.run([sys.executable, "-c", GRADE_AND_MEASURE, str(submission), task, check, *limit], cwd=KIT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_grader_function_asked_for_too_much_memory_fails_the_students_check(tmp_path):
    """precision calls the grader's confusion_matrix with 12,000 classes (1.1 GB): the grader stays small."""
    case = Variant("metrics", CALLBACKS / "metrics" / "huge_confusion_matrix.py")
    outcome = grade_in_a_process_of_its_own(make_submission(tmp_path / "sub", case), "metrics",
                                            "precision_matches_reference")
    assert outcome["status"] not in ("passed", "grader error"), outcome
    assert "MemoryError" in outcome["message"] and "confusion_matrix()" in outcome["message"], outcome
    assert outcome["peak_mib"] < 400 + CALLBACK_MEMORY_BYTES / 1024**2, outcome


def test_a_grader_function_run_past_the_call_limit_ends_the_call_at_the_limit(tmp_path):
    """gradient_descent hands the grader's numerical_gradient three million coordinates: a timeout at the
    call's limit that names the grader function, not hours of the grader's time. The check's 10 s limit is
    capped at 2 s, as a class run caps it (the grader's time is what is measured, not the limit's size)."""
    case = Variant("gradients", CALLBACKS / "gradients" / "endless_numerical_gradient.py")
    outcome = grade_in_a_process_of_its_own(make_submission(tmp_path / "sub", case), "gradients",
                                            "gradient_descent_matches_reference", call_limit_s=2.0)
    assert outcome["status"] == "timeout", outcome
    assert "did not finish within 2 s" in outcome["message"], outcome
    assert "numerical_gradient()" in outcome["message"], outcome
