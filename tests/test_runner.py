"""How the engine's runner calls pytest: the CPU a grade costs depends on it."""
import resource
import sys

import pytest


def _faults_per_call_at(depth: int, calls: int = 2000) -> float:
    """Page faults per call of a trivial function, called ``depth`` frames further down the stack."""
    if depth:
        return _faults_per_call_at(depth - 1, calls)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(calls):
        (lambda: None)()
    return (resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before) / calls


def _worst_faults_per_call() -> float:
    return max(_faults_per_call_at(depth) for depth in range(300))


@pytest.mark.skipif(sys.implementation.name != "cpython" or sys.version_info < (3, 11),
                    reason="frames on CPython's chunked frame stack (3.11 and later)")
def test_grading_runs_where_no_call_maps_a_new_piece_of_the_frame_stack():
    """At some depth, calls cross an end of CPython's 16 KiB frame-stack chunks and map and unmap one each
    time (a page fault per call); called through with_stack_room, no depth within 300 frames does."""
    from graders.engine.runner import with_stack_room

    assert _worst_faults_per_call() >= 0.9
    assert with_stack_room(_worst_faults_per_call) < 0.01
    assert with_stack_room(divmod, 7, 2) == (3, 1)
    with pytest.raises(ZeroDivisionError):
        with_stack_room(divmod, 1, 0)


def test_a_grade_shrinks_as_its_own_session_says_whatever_the_process_graded_before(tmp_path):
    """The suites are imported once per process, with the hypothesis profile of the session that imported them; a
    later session's checks still shrink a failing example only where that session says so (grade's ``shrink``)."""
    from graders.engine.runner import grade
    from tests.kit import KIT, Variant, make_submission

    submission = make_submission(tmp_path / "sub", Variant("softmax", KIT / "tests" / "variants" / "softmax" /
                                                           "no_max_shift.py"))

    def message(shrink: bool) -> str:
        (task,) = grade(submission, ["softmax"], checks={"matches_reference"}, shrink=shrink).tasks
        (check,) = task.checks
        assert check.verdict.status == "failed", check.verdict.message
        return check.verdict.message

    shrunk, unshrunk = message(True), message(False)
    assert shrunk != unshrunk
    assert message(True) == shrunk and message(False) == unshrunk
