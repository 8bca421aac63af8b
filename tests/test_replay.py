"""Recorded examples (graders/engine/replay.py): a passing check's examples are drawn once, then replayed.

What must hold: the records are what hypothesis draws today; a replayed check calls its body with
exactly those arguments, in order; a check that fails on one gets hypothesis's own verdict (or
Flaky's, where hypothesis then finds no failure); and a grade with records gives every verdict a
grade without them gives.
"""
from __future__ import annotations

import contextlib
import copy
import functools

import numpy as np
import pytest
from hypothesis import Phase, given, settings, strategies as st
from hypothesis.core import StateForActualGivenExecution
from hypothesis.errors import FlakyFailure

from graders.authoring import examples
from graders.engine import plugin, replay
from graders.engine.plugin import TIERS
from graders.engine.runner import grade, suite_files
from graders.kit import GRADERS
from tests.kit import SOLUTIONS, VARIANTS, Variant, make_submission


def replaying(records: dict[str, list[dict]]) -> replay.Examples:
    """An Examples in replay mode whose every suite has ``records``."""
    examples_ = replay.Examples(replay.REPLAY)
    examples_._record_of = lambda suite: records
    return examples_


def test_records_are_what_hypothesis_draws_today():
    """Every record equals what grading the reference draws now, and every check can be recorded: a suite or
    strategy changed without `dlgrade sync` fails here (it would only be slower: its key no longer matches)."""
    drawn = examples.draw()
    assert drawn.differing() == [], "run `dlgrade sync` and commit graders/*/examples/"
    assert drawn.unrecorded == []
    assert sum(data is not None for data in drawn.records.values()) >= 20


@pytest.mark.parametrize("task", ["linear_regression", "softmax", "optimizers"])
def test_records_hold_the_arguments_hypothesis_calls_the_checks_with(monkeypatch, task):
    """Seen from outside the recorder: a grade without records calls each check's body with its record's arguments,
    in order (hypothesis seeds a check's draws from its body's source, which a wrapper must not hide)."""
    seen: dict[str, list[list[dict]]] = {}
    original = plugin.recording_examples

    @contextlib.contextmanager
    def spying(test_function, hidden=()):
        handle, calls = getattr(test_function, "hypothesis", None), []
        if handle is None:
            with original(test_function, hidden) as record:
                yield record
            return
        inner = handle.inner_test

        @functools.wraps(inner)
        def spy(*args, **kwargs):
            calls.append(copy.deepcopy({name: value for name, value in kwargs.items() if name not in hidden}))
            return inner(*args, **kwargs)

        handle.inner_test = spy
        seen.setdefault(test_function.__name__, []).append(calls)
        try:
            with original(test_function, hidden) as record:
                yield record
        finally:
            handle.inner_test = inner

    monkeypatch.setattr(plugin, "recording_examples", spying)
    monkeypatch.setenv(replay.ENV, "0")
    grade(SOLUTIONS, [task], shrink=False)
    compared = 0
    for suite in suite_files([task], TIERS):
        for name, recorded in replay.load(suite).items():
            if name in seen and len(seen[name]) == 1:   # a check of its own (not one case of several)
                drawn = seen[name][0]
                assert len(drawn) == len(recorded) and all(replay._same(d, r, []) for d, r in zip(drawn, recorded)), name
                compared += 1
    assert compared >= 3


def test_a_replayed_check_calls_its_body_with_the_recorded_arguments_in_order():
    seen = []

    @given(x=st.integers())
    def check(x):
        seen.append(x)

    assert replaying({"check": [{"x": 5}, {"x": -7}, {"x": 5}]}).run(check, {}, GRADERS / "public/test_x.py",
                                                                     "check") is True
    assert seen == [5, -7, 5]


def test_each_call_gets_its_own_copy_of_the_recorded_arguments():
    @given(a=st.just(None))
    def check(a):
        assert a[0] == 1.0
        a[0] = 99.0   # a check (or the student's code, through it) may change its input

    record = [{"a": np.array([1.0, 2.0])}] * 3
    assert replaying({"check": record}).run(check, {}, GRADERS / "public/test_x.py", "check") is True
    assert record[0]["a"][0] == 1.0


def test_a_check_without_a_record_or_hypothesis_is_left_to_pytest(monkeypatch):
    @given(x=st.integers())
    def check(x):
        pass

    def plain():
        pass

    examples_ = replaying({"other": []})
    assert examples_.run(check, {}, GRADERS / "public/test_x.py", "check") is None
    assert examples_.run(plain, {}, GRADERS / "public/test_x.py", "plain") is None
    monkeypatch.setenv(replay.ENV, "0")
    assert replay.Examples(replay.REPLAY).mode == replay.OFF


def test_a_failure_on_a_recorded_example_is_hypothesis_own_verdict():
    """Hypothesis runs the check as it would without records: the error is its, on its smallest example."""
    @given(x=st.integers(0, 100))
    @settings(database=None, derandomize=True, phases=(Phase.generate, Phase.shrink))
    def check(x):
        assert x < 10, f"too big: {x}"

    with pytest.raises(AssertionError, match="too big: 10\n"):
        replaying({"check": [{"x": 3}, {"x": 57}]}).run(check, {}, GRADERS / "public/test_x.py", "check")


def test_a_recorded_example_that_fails_only_once_is_flaky():
    calls = []

    @given(x=st.integers(0, 100))
    def check(x):
        calls.append(x)
        assert len(calls) > 1, "the first call fails"

    with pytest.raises(FlakyFailure):
        replaying({"check": [{"x": 3}]}).run(check, {}, GRADERS / "public/test_x.py", "check")


def test_recording_keeps_each_call_as_it_was_before_the_body_ran():
    @given(a=st.lists(st.floats(-1, 1), min_size=1, max_size=3).map(np.array),
           rng=st.integers(0, 9).map(lambda seed: (seed, np.random.default_rng(seed))),
           k=st.tuples(st.integers(), st.booleans()))
    def check(a, rng, k, fixture):
        assert fixture == "fixture"
        a[...] = 7.0
        rng[1].random()

    recording = replay.Examples(replay.RECORD)
    suite = GRADERS / "public/test_x.py"
    assert recording.run(check, {"fixture": "fixture"}, suite, "check") is True
    calls = recording.recorded[suite]["check"]
    assert len(calls) == 10 and all(set(call) == {"a", "rng", "k"} for call in calls)
    assert not any((call["a"] == 7.0).all() for call in calls)
    for call in calls:   # each generator as drawn, before the body drew from it
        seed, rng = call["rng"]
        assert rng.random() == np.random.default_rng(seed).random()


def test_a_check_whose_arguments_the_wire_cannot_carry_exactly_is_not_recorded():
    @given(s=st.just({1, 2}))
    def with_a_set(s):
        pass

    @given(a=st.just(np.ones((3, 2), order="F")))
    def fortran_ordered(a):
        pass

    @given(a=st.just(np.ones(4)).map(lambda a: (a, a[:2])))
    def sharing_memory(a):
        pass

    recording = replay.Examples(replay.RECORD)
    suite = GRADERS / "public/test_x.py"
    for check in (with_a_set, fortran_ordered, sharing_memory):
        recording.run(check, {}, suite, check.__name__)
    assert recording.recorded[suite] == {}
    assert recording.unrecorded == [f"test_x.py::{name}" for name in ("with_a_set", "fortran_ordered",
                                                                       "sharing_memory")]


def test_a_record_drawn_for_another_suite_source_is_not_used(tmp_path, monkeypatch):
    suite = GRADERS / "public" / "test_softmax.py"
    assert replay.load(suite), "the softmax suite has a record"
    monkeypatch.setattr(replay, "suite_key", lambda path: "another key")
    assert replay.load(suite) == {}


@pytest.mark.parametrize("name", ["softmax/no_max_shift", "softmax/shift_in_place", "activations/relu_in_place"])
def test_a_grade_with_records_gives_every_verdict_of_one_without(tmp_path, monkeypatch, name):
    """Failing checks are graded by hypothesis again, with the verdict it gives without records."""
    variant = Variant(name.split("/")[0], VARIANTS / f"{name}.py")
    submission = make_submission(tmp_path / "sub", variant, base=SOLUTIONS)

    def verdicts():
        report = grade(submission, [variant.task], shrink=False, max_call_timeout=2)
        return {(c.tier, c.check): c.verdict for t in report.tasks for c in t.checks}

    with_records = verdicts()
    monkeypatch.setenv(replay.ENV, "0")
    assert verdicts() == with_records
    assert any(not v.passed for v in with_records.values())


def test_a_grade_of_the_reference_draws_no_example(monkeypatch):
    """Every check of the softmax suites is replayed: hypothesis's engine runs for none of them."""
    engines = []
    run_engine = StateForActualGivenExecution.run_engine
    monkeypatch.setattr(StateForActualGivenExecution, "run_engine",
                        lambda self: engines.append(self) or run_engine(self))
    assert all(replay.load(suite) for suite in suite_files(["softmax"], TIERS))
    report = grade(SOLUTIONS, ["softmax"])
    assert report.tasks[0].points == report.tasks[0].max_points > 0
    assert engines == []
    monkeypatch.setenv(replay.ENV, "0")
    grade(SOLUTIONS, ["softmax"])
    assert len(engines) >= 7
