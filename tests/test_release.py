"""The student release: nothing a student must not see, and `dlgrade check` works from it alone."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from graders.release import build_release, leaks, release_files
from graders.sync import module_files, solution_body
from tests.kit import SOLUTIONS


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    return build_release(tmp_path_factory.mktemp("release"))


def bundle_texts(release) -> dict[str, str]:
    """Every file of the folder and of the archive, as text."""
    texts = {str(p.relative_to(release.folder)): p.read_text(errors="replace")
             for p in release.folder.rglob("*") if p.is_file()}
    with tarfile.open(release.archive) as archive:
        for member in archive.getmembers():
            texts[f"archive:{member.name}"] = archive.extractfile(member).read().decode(errors="replace")
    return texts


def test_no_reference_body_anywhere_in_the_bundle(release):
    bodies = [(module.name, body.strip()) for module in module_files(SOLUTIONS)
              for body in solution_body(module.read_text()) if body.strip()]
    assert bodies
    texts = bundle_texts(release)
    found = [(path, module) for path, text in texts.items() for module, body in bodies if body in text]
    assert found == []


def test_no_solutions_hidden_graders_or_variants(release):
    paths = [p.relative_to(release.folder).as_posix() for p in release.folder.rglob("*")]
    assert not [p for p in paths if p.split("/")[0] in ("solutions", "tests") or p.startswith("graders/hidden")]
    assert "graders/public/test_softmax.py" in paths and "exercises/softmax.py" in paths
    assert leaks(release.files) == []


def test_leak_check_catches_a_body_and_an_import():
    files = dict(release_files())
    files["graders/extra.py"] = (SOLUTIONS / "softmax.py").read_bytes()
    files["graders/peek.py"] = b"from graders.hidden import test_softmax\n"
    problems = leaks(files)
    assert any("graders/extra.py: holds a solution body" in p for p in problems)
    assert any("graders/peek.py: imports graders.hidden" in p for p in problems)


def test_archive_holds_the_folder_and_is_reproducible(release, tmp_path):
    with tarfile.open(release.archive) as archive:
        names = {m.name.split("/", 1)[1] for m in archive.getmembers()}
    assert names == set(release.files)
    again = build_release(tmp_path)
    assert again.archive.read_bytes() == release.archive.read_bytes()


def test_a_student_installs_it_and_runs_dlgrade_check_offline(release, tmp_path):
    """Unpack the archive, install it in a fresh virtual environment, run the self-checks."""
    with tarfile.open(release.archive) as archive:
        archive.extractall(tmp_path, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
    kit = tmp_path / release.folder.name
    venv = tmp_path / "venv"
    # Offline and quick: the dependencies come from this Python's site-packages, and this pip
    # installs into the new environment (whose own bundled setuptools may predate editable wheels).
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)], check=True)
    python, dlgrade = venv / "bin" / "python", venv / "bin" / "dlgrade"
    install = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
                              "--no-index", "--no-build-isolation", "-e", "."], cwd=kit, capture_output=True, text=True)
    assert install.returncode == 0, install.stdout + install.stderr
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}

    where = subprocess.run([str(python), "-c", "import graders, graders.local; print(graders.__file__)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    assert Path(where.stdout.strip()).parent == kit / "graders"

    def run(*args):
        return subprocess.run([str(dlgrade), *args], cwd=kit, env=env, capture_output=True, text=True)

    untouched = run("check", "softmax")
    assert untouched.returncode == 1 and "not attempted" in untouched.stdout, untouched.stdout + untouched.stderr
    shutil.copy(SOLUTIONS / "softmax.py", kit / "exercises" / "softmax.py")
    solved = run("check", "softmax")
    assert solved.returncode == 0 and "passed" in solved.stdout, solved.stdout + solved.stderr
    refused = run("grade", "exercises")
    assert refused.returncode != 0 and "for instructors" in refused.stderr
