"""Grading a class: discovery, safe unpacking, parallel grading, resuming, and identical results every time."""
from __future__ import annotations

import io
import json
import shutil
import tarfile
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from graders import archives
from graders.classroom import ClassError, content_hash, discover, grade_class, module_root, read_report
from graders.cli import main as cli
from tests.kit import KIT, EXERCISES, all_variants, make_submission

TASKS = ["softmax"]
BUG = next(v for v in all_variants() if v.task == "softmax" and not v.correct)


def _zip_folder(folder: Path, archive: Path, prefix: str = "") -> Path:
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(folder.iterdir()):
            zf.write(path, prefix + path.name)
    return archive


def _tar_folder(folder: Path, archive: Path) -> Path:
    with tarfile.open(archive, "w:gz") as tf:
        for path in sorted(folder.iterdir()):
            tf.add(path, path.name)
    return archive


@pytest.fixture(scope="module")
def class_dir(tmp_path_factory) -> Path:
    """alice: the reference (a folder); bob: a buggy softmax (a zip whose files sit in a folder);
    carol: the untouched stubs (a .tar.gz); dave: a file that is no archive at all."""
    root = tmp_path_factory.mktemp("class")
    make_submission(root / "alice")
    work = tmp_path_factory.mktemp("work")
    _zip_folder(make_submission(work / "bob", BUG), root / "bob.zip", prefix="bob/")
    _tar_folder(make_submission(work / "carol", base=EXERCISES), root / "carol.tar.gz")
    (root / "dave.zip").write_bytes(b"this is not a zip file")
    (root / "notes.txt").write_text("not a submission")
    return root


@pytest.fixture(scope="module")
def first_run(class_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    return out, grade_class(class_dir, out, task_ids=TASKS, workers=2)


def test_one_submission_per_folder_or_archive(class_dir, tmp_path):
    found = discover(class_dir)
    assert [(s.student, s.source.name) for s in found] == [
        ("alice", "alice"), ("bob", "bob.zip"), ("carol", "carol.tar.gz"), ("dave", "dave.zip")]
    assert [s.student for s in discover(class_dir, exclude=(class_dir / "alice",))] == ["bob", "carol", "dave"]
    twice = tmp_path / "twice"
    shutil.copytree(class_dir / "alice", twice / "alice")
    shutil.copy(class_dir / "bob.zip", twice / "alice.zip")
    with pytest.raises(ClassError, match="more than one submission"):
        discover(twice)


def test_class_is_graded_into_csv_feedback_and_summary(first_run):
    out, outcomes = first_run
    assert [(o.student, o.state) for o in outcomes] == [
        ("alice", "graded"), ("bob", "graded"), ("carol", "graded"), ("dave", "failed")]
    rows = (out / "grades.csv").read_text().splitlines()
    assert rows[0] == "student,softmax,total,problem"
    assert rows[1] == "alice,5,5,"
    assert rows[2].startswith("bob,") and 0 < float(rows[2].split(",")[1]) < 5
    assert rows[3] == "carol,0,0,"
    assert rows[4].startswith("dave,,,") and "could not be read" in rows[4]
    for student in ("alice", "bob", "carol"):
        folder = out / "students" / student
        results = json.loads((folder / "results.json").read_text())
        assert results["tests"][0]["name"].startswith("softmax")
        assert (folder / "feedback.txt").read_text().startswith(f"Submission: {student}\n")
    assert "could not be graded" in (out / "students" / "dave" / "feedback.txt").read_text()
    summary = (out / "summary.md").read_text()
    assert "3 submissions graded, 1 could not be graded: dave" in summary
    assert "| softmax | " in summary and "softmax / " in summary
    assert (out / "totals.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_unchanged_submissions_are_not_graded_again(first_run, class_dir, tmp_path):
    out, _ = first_run
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    again = grade_class(class_dir, copy, task_ids=TASKS, workers=2)
    assert [(o.student, o.state) for o in again] == [
        ("alice", "reused"), ("bob", "reused"), ("carol", "reused"), ("dave", "failed")]
    assert (copy / "grades.csv").read_text() == (out / "grades.csv").read_text()
    changed_class = tmp_path / "class"
    shutil.copytree(class_dir, changed_class)
    make_submission(changed_class / "alice", BUG)
    states = {o.student: o.state for o in grade_class(changed_class, copy, task_ids=TASKS, workers=2)}
    assert states == {"alice": "graded", "bob": "reused", "carol": "reused", "dave": "failed"}
    assert (copy / "grades.csv").read_text().splitlines()[1] != "alice,5,5,"


def test_interrupted_run_resumes_and_gives_the_same_csv(first_run, class_dir, tmp_path):
    out = tmp_path / "out"
    seen = []

    def stop_after_first(outcome):
        seen.append(outcome.student)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        grade_class(class_dir, out, task_ids=TASKS, workers=1, on_result=stop_after_first)
    (done,) = seen
    assert read_report(out / "students" / done) is not None
    assert not (out / "grades.csv").exists()
    resumed = {o.student: o.state for o in grade_class(class_dir, out, task_ids=TASKS, workers=2)}
    assert resumed[done] in ("reused", "failed") and list(resumed.values()).count("reused") <= 1
    first_out, _ = first_run
    assert (out / "grades.csv").read_bytes() == (first_out / "grades.csv").read_bytes()
    assert (out / "summary.md").read_bytes() == (first_out / "summary.md").read_bytes()


def test_cli_grades_a_class(class_dir, tmp_path):
    small = tmp_path / "class"
    shutil.copytree(class_dir / "alice", small / "alice")
    result = CliRunner().invoke(cli, ["grade-class", str(small), "--out", str(tmp_path / "out"),
                                      "--tasks", "softmax", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "1 submissions: 1 graded" in result.output
    assert (tmp_path / "out" / "grades.csv").read_text().splitlines()[1] == "alice,5,5,"


# -- unpacking --------------------------------------------------------------------------------------
def test_archives_unpack_only_regular_files_inside_the_folder(tmp_path):
    archive = tmp_path / "sneaky.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("softmax.py", "x = 1\n")
        zf.writestr("../escaped.py", "x = 2\n")
        zf.writestr("/tmp/absolute.py", "x = 3\n")
        zf.writestr("sub/../../up.py", "x = 4\n")
        zf.writestr("__pycache__/softmax.cpython-311.pyc", b"junk")
        link = zipfile.ZipInfo("link.py")
        link.external_attr = (0o120777 << 16)
        zf.writestr(link, str(KIT / "solutions" / "softmax.py"))
    dest = tmp_path / "a" / "dest"
    skipped = archives.unpack(archive, dest)
    assert sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*")) == ["softmax.py"]
    assert len(skipped) == 4 and not (tmp_path / "a" / "escaped.py").exists()


def test_tar_links_and_folder_symlinks_are_left_out(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    (source / "softmax.py").write_text("x = 1\n")
    (source / "reference.py").symlink_to(KIT / "solutions" / "softmax.py")
    archive = tmp_path / "s.tar"
    with tarfile.open(archive, "w") as tf:
        tf.add(source / "softmax.py", "softmax.py")
        for name, kind in (("hard.py", tarfile.LNKTYPE), ("soft.py", tarfile.SYMTYPE)):
            info = tarfile.TarInfo(name)
            info.type, info.linkname = kind, "/etc/passwd"
            tf.addfile(info)
        info = tarfile.TarInfo("../../up.py")
        data = b"x = 2\n"
        info.size = len(data)
        tf.addfile(info, io.BytesIO(data))
    for src, dest in ((archive, tmp_path / "t"), (source, tmp_path / "f")):
        skipped = archives.unpack(src, dest)
        assert [p.name for p in dest.iterdir()] == ["softmax.py"], skipped
        assert skipped


def test_archive_limits_stop_a_zip_bomb(tmp_path, monkeypatch):
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("softmax.py", b"0" * 5_000_000)
    monkeypatch.setattr(archives, "MAX_BYTES", 1_000_000)
    with pytest.raises(archives.ArchiveError, match="larger than"):
        archives.unpack(archive, tmp_path / "dest")


def test_same_files_same_hash_whatever_the_wrapping(tmp_path):
    folder = make_submission(tmp_path / "alice")
    wrapped = archives.unpack(_zip_folder(folder, tmp_path / "alice.zip", prefix="alice/"), tmp_path / "x")
    assert wrapped == []
    assert content_hash(module_root(tmp_path / "x")) == content_hash(folder)
    (folder / "softmax.py").write_text((folder / "softmax.py").read_text() + "\n# changed\n")
    assert content_hash(module_root(tmp_path / "x")) != content_hash(folder)
