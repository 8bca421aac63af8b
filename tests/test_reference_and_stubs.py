"""The two anchors of every grader: the reference scores 100%, the stubs 0%."""
import gc
import os

import pytest

from graders import tasks
from tests.kit import all_variants

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


def test_tasks_graded_side_by_side_get_the_verdicts_of_one_session(tmp_path, monkeypatch):
    """grade(jobs=2) collects the checks in one pytest session, then runs them a task at a time in the
    session and a forked copy of it: every task's result (points, each check's verdict, a task that is
    not graded) is the one a single process gives. Either way the garbage collector gets back the heap it
    left alone while grading (gc.freeze)."""
    from graders.engine import runner
    from graders.engine.runner import grade
    from tests.kit import make_submission

    sessions, run_suites = tmp_path / "sessions", runner.run_suites

    def counted(*args, **kwargs):
        with sessions.open("a") as log:
            log.write(f"{os.getpid()}\n")
        return run_suites(*args, **kwargs)

    monkeypatch.setattr(runner, "run_suites", counted)

    buggy = next(v for v in all_variants() if v.task == "losses" and not v.correct)
    submission = make_submission(tmp_path / "sub", buggy)
    (submission / "softmax.py").write_text("def softmax(a:\n", encoding="utf-8")   # cannot be loaded
    ids = ["softmax", "losses", "encoding"]
    frozen = gc.get_freeze_count()
    one_session, side_by_side = (grade(submission, ids, jobs=jobs) for jobs in (1, 2))
    assert gc.get_freeze_count() == frozen
    assert len(sessions.read_text().split()) == 2   # one session per grade
    assert [_untimed(t) for t in side_by_side.tasks] == [_untimed(t) for t in one_session.tasks]
    assert [t.task for t in side_by_side.tasks] == ids
    losses = side_by_side.tasks[1]
    assert 0 < losses.points < losses.max_points
    assert side_by_side.tasks[0].points == 0 and side_by_side.tasks[2].points == side_by_side.tasks[2].max_points


def _untimed(task) -> dict:
    """A task's result as data, without how long each check took."""
    data = task.to_dict()
    for check in data["checks"]:
        del check["seconds"]
    return data
