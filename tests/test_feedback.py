"""What a student reads for each way a check can end."""
import numpy as np
import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Flaky

from graders.engine.feedback import NotGraded, recording_examples, verdict_for
from graders.engine.problems import CallTimeout, NotAttempted, StudentException
from graders.testing import strategies as s
from graders.testing.expect import CheckFailed, expect_close, tolerance


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


def test_the_falsifying_example_is_the_kits_record_of_the_last_call():
    """hypothesis runs the minimal failing example last; the record of that call is the example,
    whatever hypothesis prints (its wording changes between versions)."""
    @settings(derandomize=True, database=None, phases=(Phase.explicit, Phase.generate, Phase.shrink))
    @given(a=s.float_arrays(shape=(2,), low=0, high=1000), c=st.integers(0, 100), rng=s.rngs())
    def check(student, a, c, rng):
        a += 1.0     # a check may change what it drew; the record keeps it as drawn
        if c >= 7:
            raise CheckFailed("too big")

    with recording_examples(check, hidden={"student"}) as record:
        with pytest.raises(CheckFailed) as info:
            check(student="fixture")
    verdict = verdict_for(info.value, example=record.text())
    assert verdict.example == "a=np.array([0., 0.]), c=7, rng=np.random.default_rng(0)"
    assert "student" not in verdict.example


def test_a_check_without_given_has_no_example():
    def check(student):
        raise CheckFailed("wrong")

    with recording_examples(check, hidden={"student"}) as record:
        with pytest.raises(CheckFailed):
            check(student=None)
    assert record.text() == ""


def test_not_graded_names_the_reason_and_the_fix():
    verdict = verdict_for(NotGraded("the grader has no MNIST files", "run `dlgrade data fetch mnist`"))
    assert (verdict.status, verdict.message, verdict.hint) == (
        "not graded", "the grader has no MNIST files", "run `dlgrade data fetch mnist`")


def test_a_difference_below_the_printed_precision_is_shown():
    with pytest.raises(CheckFailed) as info:
        expect_close(np.array([0.123456789012]), np.array([0.123456789]), "f(x)", tol=tolerance(dtype=np.float64))
    expected, got = (line for line in str(info.value).splitlines() if line.startswith(("expected", "got")))
    assert expected.split(":", 1)[1].strip() != got.split(":", 1)[1].strip()
    assert "allowed: relative" in str(info.value)


def test_examples_do_not_depend_on_the_modules_loaded(tmp_path, monkeypatch):
    """A check's examples are the same whatever modules the grading process has imported (hypothesis
    otherwise mixes in constants from them, and a grade would depend on which tasks were graded)."""
    import importlib
    import sys

    import graders.engine.plugin  # noqa: F401  (what every grading process imports first)

    def examples():
        drawn = []

        @settings(derandomize=True, database=None, max_examples=100)
        @given(x=st.floats(-1e6, 1e6), n=st.integers(-10**6, 10**6))
        def check(x, n):
            drawn.append((x, n))

        check()
        return drawn

    before = examples()
    literals = ", ".join(f"{1000 + i}.{i}25, {77000 + i}" for i in range(200))
    (tmp_path / "local_constants_module.py").write_text(f"VALUES = [{literals}]\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.import_module("local_constants_module")
    try:
        assert examples() == before
    finally:
        sys.modules.pop("local_constants_module", None)


def test_a_failed_check_writes_no_hypothesis_patch(tmp_path, monkeypatch):
    """hypothesis's plugin would make a patch file of each failing example for the suite's source,
    importing its patching module (and libcst) on every failing check: a grade leaves it alone, since
    the feedback's example is the kit's own record."""
    import sys
    import types

    from graders.engine.runner import grade
    from tests.kit import all_variants, make_submission

    calls = []
    patching = types.ModuleType("hypothesis.extra._patching")
    patching.FAIL_MSG = "failed"
    patching.get_patch_for = lambda *args: calls.append(args)
    monkeypatch.setitem(sys.modules, "hypothesis.extra._patching", patching)
    buggy = next(v for v in all_variants() if v.task == "softmax" and not v.correct)
    report = grade(make_submission(tmp_path / "sub", buggy), ["softmax"])
    assert any(failed.verdict.example for failed in report.tasks[0].failures)   # hypothesis found examples
    assert not calls
