"""Gradescope's autograder: the bundle ``dlgrade gradescope`` builds, and what it runs per submission.

The bundle, ``autograder.zip``, holds at its root what Gradescope's specification asks for:

    setup.sh          run once when Gradescope builds the image: Python, bubblewrap, the kit and its
                      dependencies (PyTorch's CPU build: Gradescope has no GPU), MNIST (checked)
    run_autograder    run for each submission: grades /autograder/submission into
                      /autograder/results/results.json
    dlgrade/          the kit: graders, reference solutions, stubs, points (not its tests, its
                      catalogue of buggy variants, its docs or benchmarks)
    autograder.json   the bundle's settings: tasks, points file, time limit, sandbox

Gradescope's defaults are 768 MB of memory, half a CPU and 10 minutes: the grade runs one task at a
time and stops itself before the time limit, so the student always gets a results.json that says
what happened. Whatever stops a grade (a submission in the wrong shape, the sandbox not working
in the container, the time limit, the kit itself failing) is written there as "could not be
graded" with the reason, and the details go to the instructor's stdout, never a bare failure.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sys
import tempfile
import traceback
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

from graders import tasks
from graders.engine import sandbox
from graders.engine.runner import grade
from graders.engine.submission import SubmissionShapeError, module_folder
from graders.gradebooks import gradescope
from graders.kit import KIT_ROOT
from graders.points import ConfigError, load_visibility
from graders.report import print_table

SETTINGS = "autograder.json"
KIT_FOLDER = "dlgrade"
#: What of the kit the bundle takes (folders whole, less caches), and what it leaves out of them.
KIT_FILES = ("pyproject.toml", "README.md", "LICENSE", "data/manifest.json", "data/README.md")
KIT_FOLDERS = ("graders", "solutions", "exercises")
LEFT_OUT = ("__pycache__", ".pyc")
GRADESCOPE_TIME_LIMIT_S = 600          # Gradescope's default; an assignment may set another
TIME_MARGIN_S = 60                      # to write results.json and leave before Gradescope stops the run
ZIP_TIME = (2020, 1, 1, 0, 0, 0)        # every entry's time: the same bundle from the same kit


@dataclass(frozen=True)
class Settings:
    """What a bundle grades, and how (``autograder.json``)."""

    tasks: list[str]
    points: str = "points.toml"          # in the bundle's root
    time_limit_s: int = GRADESCOPE_TIME_LIMIT_S
    unsafe_no_sandbox: bool = False

    @property
    def needs_torch(self) -> bool:
        return any(tasks.TORCH in tasks.get(t).requires for t in self.tasks)

    @property
    def datasets(self) -> list[str]:
        return sorted({name for t in self.tasks for name in tasks.get(t).datasets})


# -- the bundle ------------------------------------------------------------------------------------
def build_bundle(out: Path, settings: Settings, points_file: Path | None = None) -> Path:
    """Write ``out/autograder.zip``; return its path."""
    points = Path(points_file) if points_file else KIT_ROOT / "graders" / "points.toml"
    entries: dict[str, bytes] = {
        "setup.sh": setup_script(settings).encode(),
        "run_autograder": RUN_AUTOGRADER.encode(),
        SETTINGS: (json.dumps(asdict(settings), indent=2) + "\n").encode(),
        settings.points: points.read_bytes(),
    }
    for path in kit_files():
        entries[f"{KIT_FOLDER}/{path.relative_to(KIT_ROOT).as_posix()}"] = path.read_bytes()
    out.mkdir(parents=True, exist_ok=True)
    bundle = out / "autograder.zip"
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, ZIP_TIME)
            executable = name in ("setup.sh", "run_autograder")
            info.external_attr = (0o100755 if executable else 0o100644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, entries[name])
    return bundle


def lay_out(bundle: Path, root: Path, submission: Path | None) -> None:
    """Gradescope's folders under ``root`` (its /autograder), for tests and dry runs: the bundle's files in
    ``source/``, ``run_autograder`` copied beside it, the submission in ``submission/`` (empty when None)."""
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(root / "source")
    shutil.copy(root / "source" / "run_autograder", root / "run_autograder")
    if submission is not None:
        shutil.copytree(submission, root / "submission", ignore=shutil.ignore_patterns("__pycache__"))
    else:
        (root / "submission").mkdir()


def run_environment(root: Path) -> dict[str, str]:
    """The environment that runs ``root/run_autograder`` of :func:`lay_out` with this Python and the bundle's
    own copy of the kit (Gradescope's image has its own venv instead)."""
    return {**os.environ, "AUTOGRADER_ROOT": str(root), "DLGRADE_PYTHON": sys.executable,
            "PYTHONPATH": str(root / "source" / KIT_FOLDER)}


def kit_files() -> list[Path]:
    found = [KIT_ROOT / name for name in KIT_FILES if (KIT_ROOT / name).is_file()]
    for folder in KIT_FOLDERS:
        found += [p for p in sorted((KIT_ROOT / folder).rglob("*")) if p.is_file()
                  and not any(part in LEFT_OUT or part.endswith(LEFT_OUT) for part in p.relative_to(KIT_ROOT).parts)]
    return found


def setup_script(settings: Settings) -> str:
    torch = ('"$PYTHON" -m pip install -q torch --index-url https://download.pytorch.org/whl/cpu\n'
             if settings.needs_torch else "")
    extras = "[torch]" if settings.needs_torch else ""
    fetch = "".join(f'DLGRADE_CACHE="$ROOT/dlgrade-data" "$ROOT/venv/bin/dlgrade" data fetch {name}\n'
                    for name in settings.datasets)
    return SETUP.format(torch=torch, extras=extras, fetch=fetch)


SETUP = """#!/usr/bin/env bash
# Gradescope runs this once, as root with internet, when it builds the autograder's image (Ubuntu).
set -euo pipefail
SOURCE="$(cd "$(dirname "$0")" && pwd)"
ROOT="${{AUTOGRADER_ROOT:-/autograder}}"
apt-get update -qq
# bubblewrap: the sandbox the students' code runs in (run_autograder says so where it cannot work)
apt-get install -y -qq python3 python3-venv python3-pip bubblewrap
python3 -m venv "$ROOT/venv"
PYTHON="$ROOT/venv/bin/python"
"$PYTHON" -m pip install -q --upgrade pip
# PyTorch's CPU build first: Gradescope has no GPU, and the default build brings CUDA (several GB).
# Editable, as README installs it: the kit reads its dataset manifest from its own folder.
# nbformat: to read submissions handed in as notebooks.
{torch}"$PYTHON" -m pip install -q -e "$SOURCE/{kit}{extras}" nbformat
# The datasets the tasks need, checked against the kit's SHA-256s, into the image.
{fetch}"$ROOT/venv/bin/dlgrade" doctor || true
""".replace("{kit}", KIT_FOLDER)

RUN_AUTOGRADER = """#!/usr/bin/env bash
# Gradescope runs this for each submission: /autograder/submission -> /autograder/results/results.json.
ROOT="${AUTOGRADER_ROOT:-/autograder}"
PYTHON="${DLGRADE_PYTHON:-$ROOT/venv/bin/python}"
mkdir -p "$ROOT/results"
cd "$ROOT" || exit 1
export DLGRADE_CACHE="${DLGRADE_CACHE:-$ROOT/dlgrade-data}" DLGRADE_OFFLINE=1
exec "$PYTHON" -m graders.gradebooks.autograder "$ROOT"
"""


# -- one submission, in Gradescope ---------------------------------------------------------------
class OutOfTime(KeyboardInterrupt):
    """The time limit: an interrupt, so that pytest ends the grading session (an Exception raised inside a
    check would only fail that check, and the next one would wait on the student's code again)."""


def main(argv: list[str] | None = None) -> int:
    """``python -m graders.gradebooks.autograder ROOT``: grade ROOT/submission into ROOT/results/results.json."""
    parser = argparse.ArgumentParser(prog="python -m graders.gradebooks.autograder")
    parser.add_argument("root", type=Path, help="Gradescope's /autograder")
    args = parser.parse_args(argv)
    root = args.root
    results = root / "results" / "results.json"
    results.parent.mkdir(parents=True, exist_ok=True)
    settings = Settings(**json.loads((root / "source" / SETTINGS).read_text(encoding="utf-8")))
    points = root / "source" / settings.points
    print(f"autograder: the kit in {KIT_ROOT}; tasks {', '.join(settings.tasks)}; time limit {settings.time_limit_s} s")
    signal.signal(signal.SIGALRM, _out_of_time)
    signal.alarm(max(1, settings.time_limit_s - TIME_MARGIN_S))
    try:
        report = _grade(root / "submission", settings, points)
    except KeyboardInterrupt:   # the runner turns the interrupted session into a KeyboardInterrupt of its own
        if not _OUT_OF_TIME:
            raise
        return _could_not_grade(results, f"grading took longer than {settings.time_limit_s - TIME_MARGIN_S} s, "
                                         "the autograder's time limit less a margin to report")
    except _Refused as exc:
        return _could_not_grade(results, str(exc))
    except Exception:   # the kit itself failed: the student reads that, the instructor the traceback
        traceback.print_exc()
        return _could_not_grade(results, "the grader failed (the course staff can see why in the autograder's "
                                         "output)")
    finally:
        signal.alarm(0)
    gradescope.write_results(report, results, load_visibility(points))
    print_table(report)
    return 0


class _Refused(Exception):
    """The submission cannot be graded as it is: the message says why and what to do."""


def _grade(submission: Path, settings: Settings, points: Path):
    with tempfile.TemporaryDirectory(prefix="dlgrade-notebooks-") as extracted:
        folder = submission
        if not any(submission.rglob("*.py")) and any(submission.rglob("*.ipynb")):
            from graders.notebooks.generate import extract_modules  # nbformat may be missing: notebooks only

            written, unreadable = extract_modules(submission, Path(extracted))
            if not written:
                raise _Refused("no notebook could be read: " + "; ".join(unreadable or ["no <task>.ipynb found"]))
            folder = Path(extracted)
        try:
            folder = module_folder(folder)
            sandbox.refuse_unsandboxed(folder, settings.unsafe_no_sandbox)
            return grade(folder, settings.tasks, points_file=points, jobs=1)
        except SubmissionShapeError as exc:
            raise _Refused(f"{str(exc).rstrip('.')}. Fix it and submit again") from None
        except sandbox.SandboxError as exc:
            print(f"autograder: {exc}")
            raise _Refused("this autograder cannot grade safely in its container; your instructor has been told") \
                from None
        except ConfigError as exc:   # the bundle's points file or settings
            print(f"autograder: {exc}")
            raise _Refused("this autograder is set up wrong; your instructor has been told") from None


def _could_not_grade(results: Path, why: str) -> int:
    print(f"autograder: could not grade: {why}")
    data = gradescope.not_graded_results(f"Your submission could not be graded: {why.rstrip('.')}.")
    results.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return 0


_OUT_OF_TIME: list[bool] = []


def _out_of_time(signum, frame):
    _OUT_OF_TIME.append(True)
    raise OutOfTime


if __name__ == "__main__":
    raise SystemExit(main())
