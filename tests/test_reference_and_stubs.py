"""The two anchors of every grader: the reference scores 100%, the stubs 0%."""
import pytest

from graders import tasks

TASK_IDS = [t.id for t in tasks.TASKS]


@pytest.mark.parametrize("task_id", TASK_IDS)
def test_reference_scores_full_marks(reference_report, task_id):
    task = next(t for t in reference_report.tasks if t.task == task_id)
    assert task.checks, f"no grader checks ran for {task_id}"
    failures = [f"{c.check}: {c.verdict.status}: {c.verdict.message}" for c in task.failures]
    assert not failures, "\n".join(failures)
    assert task.points == task.max_points > 0


@pytest.mark.parametrize("task_id", TASK_IDS)
def test_untouched_stub_scores_zero_as_not_attempted(stub_report, task_id):
    task = next(t for t in stub_report.tasks if t.task == task_id)
    assert task.checks
    assert task.points == 0
    assert task.status == "not attempted", [c.verdict for c in task.checks]
