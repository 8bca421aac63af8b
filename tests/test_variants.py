"""Every known-buggy variant loses points on its own task; every alternative correct one scores full."""
import pytest

from graders.runner import grade
from tests.kit import all_variants, make_submission

VARIANTS = all_variants()


@pytest.mark.parametrize("variant", VARIANTS, ids=str)
def test_variant_is_graded_right(variant, tmp_path):
    report = grade(make_submission(tmp_path / "sub", variant), [variant.task])
    (task,) = report.tasks
    by_name = {c.check: c.verdict for c in task.checks}
    if variant.correct:
        failures = {name: v.message for name, v in by_name.items() if not v.passed and v.status != "not run"}
        assert not failures and task.points == task.max_points, failures
        return
    assert task.points < task.max_points, f"{variant} was not caught by any check"
    for name in variant.names("CAUGHT_BY"):
        assert name in by_name, f"{variant}: no check named {name}"
        assert not by_name[name].passed, f"{variant} should fail {name}"
    for name in variant.names("PASSES"):
        assert by_name[name].passed, f"{variant} should still pass {name}: {by_name[name].message}"
    for failed in task.failures:
        assert failed.verdict.status != "grader error", f"{variant}: {failed.verdict.message}"


def test_every_task_has_bugs_and_an_alternative():
    from graders import tasks

    for task in tasks.TASKS:
        mine = [v for v in VARIANTS if v.task == task.id]
        assert sum(not v.correct for v in mine) >= 3, f"{task.id} needs at least 3 buggy variants"
        assert any(v.correct for v in mine), f"{task.id} needs an alternative correct implementation"
