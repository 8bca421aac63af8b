"""Helpers for the kit's own tests: build submissions from the reference and known variants.

A *variant* is a file ``tests/variants/<task>/<name>.py`` holding the definitions a
student might have written differently. It is appended to the reference module, so
its definitions replace the reference's and everything else stays correct.

- ``ok_*.py``: an alternative correct implementation; must score full marks.
- any other name: a plausible bug; must lose points on its task. ``MISTAKE = "..."`` is the
  sentence a student whose code behaves like it reads (graders/classroom/diagnosis.py). ``CAUGHT_BY = [...]``
  names checks that must fail, ``PASSES = [...]`` checks that must still pass
  (e.g. "your XOR is right, your NAND is not"), ``CAUGHT_ON_GPU = [...]`` checks that
  must fail where they run, on a machine with a CUDA GPU.

Two optional settings for variants that need them: ``DATA = "mnist"`` copies that
dataset's files into the submission's ``data/`` folder (a submission that ships its own
data), ``ONLY = [...]`` grades only those checks (a variant too slow for the others).
"""
from __future__ import annotations

import fcntl
import os
import pickle
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from graders.classroom.diagnosis import module_constants, variant_source

KIT = Path(__file__).resolve().parents[1]
SOLUTIONS = KIT / "solutions"
EXERCISES = KIT / "exercises"
VARIANTS = Path(__file__).resolve().parent / "variants"


@dataclass(frozen=True)
class Variant:
    task: str
    path: Path

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def correct(self) -> bool:
        return self.name.startswith("ok_")

    def names(self, variable: str) -> list[str]:
        """A list literal assigned at the top of the variant file (CAUGHT_BY, PASSES, ONLY)."""
        return list(self.setting(variable, []))

    def setting(self, variable: str, default=None):
        """The literal assigned to ``variable`` at the top of the variant file, else ``default``."""
        return module_constants(self.path).get(variable, default)

    def __str__(self) -> str:
        return f"{self.task}/{self.name}"


def all_variants() -> list[Variant]:
    return [Variant(p.parent.name, p) for p in sorted(VARIANTS.glob("*/*.py"))]


def copy_of_the_checkout(copy: Path) -> Path:
    """The kit's files as a checkout has them (tracked and new files, not ignored ones), copied to ``copy``."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=KIT,
                            capture_output=True)
    if listed.returncode != 0:  # not a git checkout
        shutil.copytree(KIT, copy, ignore=shutil.ignore_patterns(".git", "__pycache__", "*.egg-info", ".hypothesis",
                                                                 "cache"))
        return copy
    for name in filter(None, listed.stdout.decode().split("\0")):
        if (KIT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(KIT / name, copy / name)
    return copy


def make_submission(folder: Path, variant: Variant | None = None, base: Path = SOLUTIONS) -> Path:
    """A submission folder: the modules of ``base``, with ``variant`` appended to its task."""
    folder.mkdir(parents=True, exist_ok=True)
    for module in base.glob("*.py"):
        shutil.copy(module, folder / module.name)
    if variant is not None and variant.setting("DATA"):
        copy_dataset(variant.setting("DATA"), folder / "data")
    if variant is not None:
        (folder / f"{variant.task}.py").write_text(variant_source(variant.task, variant.path, base), encoding="utf-8")
    return folder


def copy_dataset(name: str, dest: Path) -> None:
    """Copy dataset ``name``'s files into ``dest`` under their ``.gz`` names (raw files are compressed)."""
    import gzip

    from graders.env import datasets

    source = datasets.locate(name)
    if source is None:
        raise FileNotFoundError(f"{name} not found: set DLGRADE_DATA")
    dest.mkdir(parents=True, exist_ok=True)
    for entry in datasets.spec(name)["files"].values():
        found = datasets.find_file(source, entry)
        if found.name == entry["file"]:
            shutil.copy(found, dest / found.name)
        else:
            (dest / entry["file"]).write_bytes(gzip.compress(found.read_bytes(), compresslevel=1))


def shared(tmp_path_factory, name: str, make):
    """``make()``, made once per test run however many pytest-xdist workers ask for it.

    The first caller makes it under a file lock and keeps it (pickled) in the run's shared
    temporary folder; the others wait and read it. Expensive fixtures (grading the reference,
    a class run, an nbgrader course) use it, so they cost the same however the tests are spread
    over workers.
    """
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent   # the folder every worker's base temp folder lives in
    path, lock = root / f"shared-{name}.pickle", root / f"shared-{name}.lock"
    with open(lock, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        if path.exists():
            return pickle.loads(path.read_bytes())
        value = make()
        path.write_bytes(pickle.dumps(value))
        return value


def gradescope_tasks(results: dict) -> dict[str, tuple[float, float]]:
    """Task -> (score, max_score) of a Gradescope results.json: its entries (one per check, or one for
    a task not graded) summed by task, the first of their tags."""
    found: dict[str, list[float]] = {}
    for test in results["tests"]:
        sums = found.setdefault(test["tags"][0], [0.0, 0.0])
        sums[0] += test["score"]
        sums[1] += test["max_score"]
    return {task: (round(score, 2), round(most, 2)) for task, (score, most) in found.items()}
