"""Every known-buggy variant loses points on its own task; every alternative correct one scores full;
and every check of every task is one that some buggy variant must fail."""
import pytest

from graders.engine.runner import grade
from graders.env import datasets
from tests.kit import all_variants, make_submission

VARIANTS = all_variants()


def cuda_available() -> bool:
    try:
        import torch
    except ImportError:
        return False
    return torch.cuda.is_available()


@pytest.mark.parametrize("variant", VARIANTS, ids=str)
def test_variant_is_graded_right(variant, tmp_path):
    """A correct variant keeps full marks on every check; a buggy one fails the checks it names in
    CAUGHT_BY and passes those in PASSES (only those are graded: hypothesis draws the same examples
    for a check whatever else runs, so its verdict is the one a full grading gives)."""
    data = variant.setting("DATA")
    if data and datasets.locate(data) is None:
        pytest.skip(f"{data} not found: set DLGRADE_DATA")
    must_fail = variant.names("CAUGHT_BY") + (variant.names("CAUGHT_ON_GPU") if cuda_available() else [])
    named = None if variant.correct else set(must_fail + variant.names("PASSES"))
    only = variant.names("ONLY")
    if only:
        named = set(only) if named is None else named & set(only)
    assert variant.correct or must_fail or variant.names("CAUGHT_ON_GPU"), f"{variant}: CAUGHT_BY names no check"
    report = grade(make_submission(tmp_path / "sub", variant), [variant.task], shrink=False,
                   checks=named)
    (task,) = report.tasks
    assert task.graded, f"{variant}: {task.not_graded}"
    by_name = {c.check: c.verdict for c in task.checks}
    if variant.correct:
        failures = {name: v.message for name, v in by_name.items() if not v.passed and v.status != "not run"}
        assert not failures and task.points == task.max_points, failures
        return
    for name in must_fail:
        assert name in by_name, f"{variant}: no check named {name}"
        assert by_name[name].status not in ("passed", "not run"), f"{variant} should fail {name}"
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


def test_every_check_is_caught_by_a_buggy_variant(reference_report):
    """A check no buggy variant fails is untested: it might pass anything. (test_variant_is_graded_right
    makes sure the variants really fail the checks they name.)"""
    for task in reference_report.tasks:
        named = set()
        for variant in VARIANTS:
            if variant.task == task.task and not variant.correct:
                named.update(variant.names("CAUGHT_BY") + variant.names("CAUGHT_ON_GPU"))
        uncaught = [c.check for c in task.checks if c.check not in named]
        assert not uncaught, f"{task.task}: no buggy variant in tests/variants/{task.task}/ names {uncaught}"
