"""Naming a student's mistake from the catalogue of known ones, and never a wrong one."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graders.classroom import diagnosis
from graders.classroom.grading import ClassError, fingerprint, grade_class, read_record
from graders.engine.plugin import TIERS
from graders.engine.runner import grade
from tests.kit import all_variants, make_submission, shared

VARIANTS = all_variants()
NO_SHIFT = "no_max_shift"   # a mistake the catalogue holds in other code too (seed_001/seed_002_softmax_no_shift)
SOFTMAX_BUGS = [v for v in VARIANTS if v.task == "softmax" and not v.correct]
SETTINGS = fingerprint(["softmax"], TIERS, None, None)


def test_every_buggy_variant_says_its_mistake_in_one_sentence():
    for variant in VARIANTS:
        sentence = variant.setting("MISTAKE")
        if variant.correct:
            assert sentence is None, f"{variant}: a correct variant names no mistake"
            continue
        assert isinstance(sentence, str) and sentence.startswith("Your ") and sentence.endswith("."), variant
        assert len(sentence) <= 240 and "\n" not in sentence, variant


@pytest.fixture(scope="module")
def softmax_catalogue(tmp_path_factory) -> Path:
    """Every buggy softmax variant graded once per test run: the file diagnosis.build keeps them in."""
    return shared(tmp_path_factory, "softmax-mistakes", lambda: diagnosis.build(
        ["softmax"], tmp_path_factory.mktemp("mistakes"), SETTINGS, jobs=2)[1])


@pytest.fixture
def softmax_known(softmax_catalogue) -> list[diagnosis.KnownMistake]:
    return diagnosis.load(softmax_catalogue)


def _student(folder: Path, code_of: str, extra: str = "") -> Path:
    """A student's submission: the reference, with the code of the variant ``code_of`` (and ``extra``)."""
    variant = next(v for v in SOFTMAX_BUGS if v.name == code_of)
    submission = make_submission(folder, variant)
    if extra:
        (submission / "softmax.py").write_text((submission / "softmax.py").read_text() + extra)
    return submission


def test_a_mistake_in_other_code_is_named_and_no_held_out_one_is_named_wrong(softmax_known, tmp_path):
    own = {k.variant: k.sentence for k in softmax_known}
    for held_out in softmax_known:
        catalogue = [k for k in softmax_known if k.variant != held_out.variant]
        named = diagnosis.match("softmax", held_out.verdicts, catalogue)
        same_mistake = [k for k in catalogue if k.sentence == held_out.sentence]
        assert named in ("", held_out.sentence), f"{held_out.variant} named as {named!r}"
        if same_mistake:
            assert named == held_out.sentence, held_out.variant
    # the same check through a student's real grade: the reference with the mistake written another way
    catalogue = [k for k in softmax_known if k.variant != NO_SHIFT]
    (task,) = grade(_student(tmp_path / "student", NO_SHIFT), ["softmax"]).tasks
    assert diagnosis.diagnose(task, catalogue) == own[NO_SHIFT] == own["seed_001_softmax_no_shift"]


def test_two_mistakes_or_an_unknown_one_are_not_guessed(softmax_known, tmp_path):
    (two,) = grade(_student(tmp_path / "two", NO_SHIFT, "\n\n_softmax = softmax\n\n\ndef softmax(a):\n"
                            "    return _softmax(a)[..., ::-1]\n"), ["softmax"]).tasks
    assert two.failures and diagnosis.diagnose(two, softmax_known) == ""
    (reference,) = grade(make_submission(tmp_path / "ref"), ["softmax"]).tasks
    assert diagnosis.diagnose(reference, softmax_known) == ""


def test_the_catalogue_is_graded_once_per_settings(softmax_catalogue, softmax_known, tmp_path, monkeypatch):
    folder = tmp_path / "mistakes"
    folder.mkdir()
    shutil.copy(softmax_catalogue, folder / softmax_catalogue.name)
    monkeypatch.setattr(diagnosis, "_variant_verdicts", lambda *a, **k: pytest.fail("graded again"))
    again, path = diagnosis.build(["softmax"], folder, SETTINGS)
    assert path.name == softmax_catalogue.name and again == softmax_known
    none = lambda task, name: False   # noqa: E731 (no variant: nothing to grade)
    names = {diagnosis.build(["softmax"], folder, settings, keep=none)[1].name for settings in (SETTINGS, "other")}
    assert len(names) == 2 and softmax_catalogue.name not in names


def test_a_class_run_names_the_mistake_in_the_feedback_and_counts_it_on_the_dashboard(softmax_catalogue, tmp_path):
    root = tmp_path / "class"
    for student in ("ann", "ben"):
        _student(root / student, NO_SHIFT)
    make_submission(root / "cat")
    out = tmp_path / "out"
    (out / "mistakes").mkdir(parents=True)   # graded once already, under the class run's settings
    shutil.copy(softmax_catalogue, out / "mistakes" / softmax_catalogue.name)
    grade_class(root, out, task_ids=["softmax"], workers=2, diagnose=True)
    sentence = next(v.setting("MISTAKE") for v in SOFTMAX_BUGS if v.name == NO_SHIFT)
    for student in ("ann", "ben"):
        assert read_record(out / "students" / student).tasks[0].diagnosis == sentence
        assert sentence in (out / "students" / student / "feedback.txt").read_text()
        assert sentence in (out / "students" / student / "feedback.html").read_text()
    assert read_record(out / "students" / "cat").tasks[0].diagnosis == ""
    dashboard = (out / "dashboard.html").read_text()
    assert "Known mistakes" in dashboard and "ann, ben" in dashboard
    assert len(list((out / "mistakes").glob("*.json"))) == 1


def test_without_the_catalogue_diagnose_says_so_before_grading(tmp_path, monkeypatch):
    monkeypatch.setattr(diagnosis, "CATALOGUE", tmp_path / "no-variants")
    make_submission(tmp_path / "class" / "ann")
    with pytest.raises(ClassError, match="catalogue of known mistakes"):
        grade_class(tmp_path / "class", tmp_path / "out", task_ids=["softmax"], diagnose=True)
    assert not (tmp_path / "out" / "students" / "ann").exists()
