"""What a student reads for each way a check can end."""
from hypothesis.errors import Flaky

from graders.expect import CheckFailed
from graders.feedback import falsifying_example, verdict_for
from graders.remote import CallTimeout, NotAttempted, StudentException


def test_a_failed_check_keeps_expected_got_and_hint():
    verdict = verdict_for(CheckFailed("softmax(a) is wrong", expected=[1.0], got=[0.5], hint="shift"),
                          hint="marker hint")
    assert verdict.status == "failed" and verdict.hint == "shift"
    assert "expected: [1.0]" in verdict.message and "got:      [0.5]" in verdict.message


def test_student_problems_have_their_own_status():
    assert verdict_for(NotAttempted("not attempted yet")).status == "not attempted"
    assert verdict_for(CallTimeout("did not finish within 1 s")).status == "timeout"
    crashed = verdict_for(StudentException("ValueError", "bad", "softmax.py, line 3, in softmax"))
    assert crashed.status == "error"
    assert crashed.message == "your code raised ValueError: bad (softmax.py, line 3, in softmax)"


def test_nondeterminism_is_the_students_failure_not_the_graders():
    verdict = verdict_for(Flaky("Inconsistent results"))
    assert verdict.status == "failed" and "different results" in verdict.message


def test_a_bug_in_the_grader_is_not_blamed_on_the_student():
    verdict = verdict_for(KeyError("x"))
    assert verdict.status == "grader error" and "tell your instructor" in verdict.message


def test_the_falsifying_example_drops_fixtures():
    exc = CheckFailed("wrong")
    exc.add_note("Falsifying example: test_x(\n    student=<your softmax.py>,\n    reference=<module>,\n"
                 "    a=array([710.]),\n    c=1.0,\n)")
    assert falsifying_example(exc) == "a=array([710.]), c=1.0"
