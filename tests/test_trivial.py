"""Code that does not compute its task (zeros, a constant, its own input, its arguments left
untouched) scores 0: every check of the task fails it (see tests/trivial.py)."""
import pytest

from graders import tasks
from graders.engine.runner import grade
from graders.env import datasets
from tests.trivial import KINDS, make_trivial_submission

# The mlp task trains on MNIST; one trivial trainer (it trains a copy and predicts zeros) is enough there.
CASES = [(task.id, kind) for task in tasks.TASKS for kind in (KINDS if task.id != "mlp" else ("zeros",))]


@pytest.mark.parametrize(("task_id", "kind"), CASES, ids=[f"{t}-{k}" for t, k in CASES])
def test_trivial_implementation_fails_every_check(task_id, kind, tmp_path):
    if task_id == "mlp" and datasets.locate("mnist") is None:
        pytest.skip("mnist not found: set DLGRADE_DATA")
    report = grade(make_trivial_submission(tmp_path / "sub", task_id, kind), [task_id],
                   shrink=False)
    (task,) = report.tasks
    assert task.graded, task.not_graded
    passed = [c.check for c in task.checks if c.verdict.passed]
    assert not passed, f"{task_id} made trivial ({kind}) still passes {passed}"
    assert task.points == 0
