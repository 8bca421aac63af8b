"""What the docs tell a new user: every command they say to paste runs as written, with the outcome they promise.

Each document is walked as a new user would walk it: in a home folder of its own (``~`` is in
it), with a copy of the kit and a Python environment that has the kit's dependencies but not the
kit (:func:`tests.test_release.environment_without_the_kit`). A document's ```bash blocks run in
order, command after command, in one shell state (the folder ``cd`` leaves), so the instructors'
guide builds one course and grades it. A command runs exactly as the block has it; only what the
reader is told to supply (PLACEHOLDERS) is made for it first.

Not run, each with its reason (EXEMPT): README's two Quick-start commands, which CI runs as
written (tests/test_readme.py checks that it does), and a command whose tests this suite runs.

Also here: ``dlgrade doctor``, the first thing the docs tell a user to run when something is missing.
"""
from __future__ import annotations

import csv
import io
import re
import resource
import shutil
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from graders.cli.kit import main as cli
from graders.engine import sandbox
from graders.env import datasets, doctor
from tests.kit import EXERCISES, KIT, SOLUTIONS, copy_dataset, copy_of_the_checkout
from tests.test_release import Environment, environment_without_the_kit

DOCS = ("README.md", "docs/instructors.md", "docs/authoring.md", "docs/isolation.md", "data/README.md")
SHELL_LANGUAGES = ("bash", "sh", "shell", "console", "zsh")

#: Commands of the docs that the walks do not run, and why.
EXEMPT = {
    'python -m pip install -e ".[torch,nbgrader,test]" && dlgrade grade solutions':
        "README's setup: CI runs it as written (.ci/run; tests/test_readme.py checks that it does)",
    "python -m pytest -n auto --dist loadgroup":
        "README's test run, this suite: CI runs it as written (.ci/run; tests/test_readme.py)",
    "pytest tests/test_variants.py -k softmax -q":
        "authoring.md: the tests it selects are part of this suite (tests/test_variants.py runs every "
        "variant of every task) and take half a minute of CPU; the walk checks that it selects them",
}

#: What the docs ask the reader to supply, made in the kit's folder before the walk.
PLACEHOLDERS = {
    "path/to/submission": "README: a student's folder, the reference softmax.py and an untouched losses.py",
    "path/to/class": "README: two students, ann/ (a folder) and ben.zip (an archive), each with a softmax.py",
    "DIR": "data/README.md: a folder with MNIST's four files",
    "canvas-gradebook.csv": "README: Canvas's gradebook export, with ann and ben (by SIS Login ID)",
}

#: Commands whose documented outcome, on the walk's files, is a non-zero exit status.
EXPECTED_STATUS = {
    "dlgrade check softmax": (1, "README, in the kit's folder: the stubs are not attempted yet"),
    "dlgrade check": (1, "README, in the kit's folder: no task is attempted yet"),
    "pytest graders/public -m softmax": (1, "README, in the kit's folder: the stubs fail every check"),
}


# -- reading the docs ----------------------------------------------------------------------------

def bash_blocks(text: str) -> list[str]:
    """The ```bash blocks of a markdown text, in order (indented ones dedented)."""
    blocks = re.findall(r"^( *)```bash\n(.*?)\n\1```", text, flags=re.S | re.M)
    return ["\n".join(line[len(indent):] for line in body.splitlines()) for indent, body in blocks]


def fence_languages(text: str) -> list[str]:
    """The language of every opening code fence."""
    languages, inside = [], False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            if not inside:
                languages.append(line.lstrip()[3:].strip())
            inside = not inside
    return languages


def commands(block: str) -> list[str]:
    """A block's commands, one per line (a line ending in ``\\`` goes on), comment lines left out."""
    found, pending = [], ""
    for line in block.splitlines():
        if line.endswith("\\"):
            pending += line + "\n"
            continue
        line = pending + line
        pending = ""
        if line.strip() and not line.lstrip().startswith("#"):
            found.append(line)
    return found


def bare(command: str) -> str:
    """A command without its trailing comment."""
    return re.sub(r"\s+#.*$", "", command).strip()


def doc_commands(name: str) -> list[str]:
    return [command for block in bash_blocks((KIT / name).read_text()) for command in commands(block)]


def test_every_shell_block_of_the_docs_is_bash_and_every_exemption_is_a_command():
    """The walks below run the ```bash blocks; a shell block in another dialect would be skipped."""
    for name in DOCS:
        languages = fence_languages((KIT / name).read_text())
        assert not [lang for lang in languages if lang in SHELL_LANGUAGES and lang != "bash"], name
    everything = {bare(c) for name in DOCS for c in doc_commands(name)}
    assert set(EXEMPT) <= everything
    assert set(EXPECTED_STATUS) <= everything
    assert all(any(re.search(rf"(^|\s){re.escape(p)}(\s|$)", c) for c in everything) for p in PLACEHOLDERS)
    assert {name for name in DOCS if doc_commands(name)} == set(WALKED)


def test_commands_of_a_block_keep_continued_lines_and_drop_comments():
    block = "# a comment\nfoo --a \\\n  --b   # trailing\n\nbar"
    assert commands(block) == ["foo --a \\\n  --b   # trailing", "bar"]
    assert bare(commands(block)[0]) == "foo --a \\\n  --b"


# -- walking them ------------------------------------------------------------------------------

@dataclass
class Step:
    command: str
    status: int
    output: str
    seconds: float
    cpu_seconds: float  # of the command and everything it started: the machine's load does not change it


class Walk:
    """A reader at a shell: a document's commands pasted in order, from one home folder."""

    def __init__(self, environment: Environment, root: Path, folder: Path):
        self.home, self.folder, self.cwd_file = root / "home", folder, root / "cwd"
        self.home.mkdir(parents=True, exist_ok=True)
        self.variables = {**environment.variables, "HOME": str(self.home)}
        if not sandbox.probe()[0]:   # the docs' grading commands refuse; the reader opts in by name
            self.variables.setdefault(sandbox.ENV, "none")
        self.steps: dict[str, Step] = {}

    def document(self, name: str, text: str | None = None) -> dict[str, Step]:
        """Run every command of document ``name`` (or of ``text``, its stand-in) not in EXEMPT."""
        text = (KIT / name).read_text() if text is None else text
        for block in bash_blocks(text):
            for command in commands(block):
                if bare(command) not in EXEMPT:
                    self.run(command)
        return self.steps

    def run(self, command: str) -> Step:
        """One command as written, in the folder the last one left; its exit status must be the expected one."""
        started, cpu = time.monotonic(), _children_cpu()
        done = subprocess.run(["bash", "-c", f'{command}\nstatus=$?\npwd > "$0"\nexit $status', str(self.cwd_file)],
                              cwd=self.folder, env=self.variables, capture_output=True, text=True, timeout=600)
        self.folder = Path(self.cwd_file.read_text().strip())
        step = Step(command, done.returncode, done.stdout + done.stderr, time.monotonic() - started,
                    _children_cpu() - cpu)
        self.steps[bare(command)] = step
        expected = EXPECTED_STATUS.get(bare(command), (0, ""))[0]
        assert step.status == expected, (f"`{command}` exited with {step.status}, the docs expect {expected}:\n"
                                         f"{step.output[-6000:]}\nthe walk so far:\n{self.timings()}")
        return step

    def check(self, command: str, folder: Path | None = None) -> str:
        """What a command of the test's own (not the docs') prints; it must succeed."""
        done = subprocess.run(["bash", "-c", command], cwd=folder or self.folder, env=self.variables,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout.strip()

    def timings(self) -> str:
        return "\n".join(f"{s.seconds:6.1f} s ({s.cpu_seconds:5.1f} s CPU)  {bare(s.command)}"
                         for s in self.steps.values())


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@pytest.fixture(scope="module")
def kit_copy(tmp_path_factory) -> Path:
    """The kit's files as a checkout has them (tracked and new files, not ignored ones), in a folder of their own."""
    return copy_of_the_checkout(tmp_path_factory.mktemp("kit") / "dlgrade")


@pytest.fixture(scope="module")
def installed(kit_copy, tmp_path_factory) -> Environment:
    """An environment with the kit copy installed, as README's (exempt) setup command leaves it."""
    environment = environment_without_the_kit(tmp_path_factory.mktemp("python"))
    done = environment.run([environment.python, "-m", "pip", "install", "-q", "-e", "."], cwd=kit_copy)
    assert done.returncode == 0, done.stdout + done.stderr
    return environment


def make_readme_placeholders(folder: Path) -> None:
    """README's PLACEHOLDERS, in ``folder``."""
    submission = folder / "path" / "to" / "submission"
    submission.mkdir(parents=True)
    shutil.copy(SOLUTIONS / "softmax.py", submission / "softmax.py")
    shutil.copy(EXERCISES / "losses.py", submission / "losses.py")
    group = folder / "path" / "to" / "class"
    (group / "ann").mkdir(parents=True)
    shutil.copy(SOLUTIONS / "softmax.py", group / "ann" / "softmax.py")
    with zipfile.ZipFile(group / "ben.zip", "w") as archive:
        archive.write(EXERCISES / "softmax.py", "softmax.py")
    (folder / "canvas-gradebook.csv").write_text(
        "Student,ID,SIS User ID,SIS Login ID,Section\n    Points Possible,,,,\n"
        "Ann Lee,11,S-11,ann@uni.example,DL\nBen Cho,12,S-12,ben,DL\n", encoding="utf-8")


def table_points(output: str) -> dict[str, tuple[str, str]]:
    """Task -> (points, max) from the table `dlgrade grade` prints (its total row left out)."""
    return {task: (points, most) for task, points, most
            in re.findall(r"[│|] (\w+)\s+[│|]\s+(\S+) [│|]\s+(\S+) [│|]", output) if task != "total"}


@pytest.mark.slow
def test_instructors_guide_as_written(kit_copy, tmp_path):
    """docs/instructors.md from an environment without the kit to alice's and bob's grades.

    The student release must end up in an environment of its own: installed into the one that
    grades (as the guide once said), it hides the kit and the reference loses its hidden checks.
    """
    pytest.importorskip("nbgrader")
    guide = (KIT / "docs" / "instructors.md").read_text()
    environment = environment_without_the_kit(tmp_path / "python")
    assert not (environment.venv / "bin" / "dlgrade").exists()
    walk = Walk(environment, tmp_path, kit_copy)
    started = time.monotonic()
    steps = walk.document("docs/instructors.md", guide)
    print(f"\ndocs/instructors.md walked in {time.monotonic() - started:.0f} s\n{walk.timings()}")

    assert "Success!" in steps["nbgrader validate source/perceptron/gates.ipynb"].output
    # The student release went into its own environment; the kit still grades here.
    student_python = walk.home / "dl-student-env" / "bin" / "python"
    assert walk.check(f"{student_python} -c 'import graders; print(graders.STUDENT_RELEASE)'", walk.home) == "True"
    where = walk.check("python -c 'import graders, graders.hidden, solutions; print(graders.__file__)'", walk.home)
    assert Path(where).is_relative_to(kit_copy), where

    promise = re.search(r"`alice` scores (\d+) of (\d+) and `bob` (\d+) of (\d+)", guide)
    promised = {"alice": (float(promise[1]), float(promise[2])), "bob": (float(promise[3]), float(promise[4]))}
    grades = {row["student_id"]: (float(row["score"]), float(row["max_score"]))
              for row in csv.DictReader(io.StringIO((walk.home / "dl-course" / "grades.csv").read_text()))}
    assert grades == promised, f"grades.csv has (score, max) {grades}; the guide promises {promised}"

    feedback = walk.home / "dl-course" / "feedback"
    for student in ("alice", "bob"):
        for task in ("gates", "perceptron_learning"):
            assert (feedback / student / "perceptron" / f"{task}.html").is_file()
    graded = table_points(steps["dlgrade grade bob-modules --tasks gates,perceptron_learning"].output)
    assert set(graded) == {"gates", "perceptron_learning"}
    assert all(points == most for points, most in graded.values()), graded


@pytest.mark.slow
def test_readme_as_written(kit_copy, installed, tmp_path):
    make_readme_placeholders(kit_copy)
    walk = Walk(installed, tmp_path, kit_copy)
    started = time.monotonic()
    steps = walk.document("README.md")
    print(f"\nREADME.md walked in {time.monotonic() - started:.0f} s\n{walk.timings()}")

    assert "not attempted" in steps["dlgrade check softmax"].output
    assert "not attempted" in steps["pytest graders/public -m softmax"].output
    points, most = table_points(steps["dlgrade grade path/to/submission"].output)["softmax"]
    assert points == most != "0"
    assert (kit_copy / "out" / "results.json").is_file() and (kit_copy / "out" / "feedback.txt").is_file()
    assert set(table_points(steps["dlgrade grade path/to/submission --tasks softmax,losses --jobs 1"].output)) == {
        "softmax", "losses"}
    assert "mlp" in steps["dlgrade list"].output
    with open(kit_copy / "grades" / "grades.csv", newline="") as grades:
        assert {row["student"] for row in csv.DictReader(grades)} == {"ann", "ben"}
    with open(kit_copy / "grades" / "export" / "canvas.csv", newline="") as canvas:
        assert {row["ID"] for row in csv.DictReader(canvas)} == {"", "11", "12"}   # "" is the Points Possible row
    assert zipfile.ZipFile(kit_copy / "bundle" / "autograder.zip").getinfo("run_autograder")
    assert (kit_copy / "course" / "nbgrader_config.py").is_file()
    assert (kit_copy / "course" / "source" / "activations_softmax_losses" / "softmax.ipynb").is_file()
    assert list((kit_copy / "student-kit").glob("dlgrade-student-*.tar.gz"))


@pytest.mark.slow
def test_authoring_guide_as_written(kit_copy, installed, tmp_path):
    walk = Walk(installed, tmp_path, kit_copy)
    steps = walk.document("docs/authoring.md")
    print(f"\ndocs/authoring.md walked\n{walk.timings()}")
    points, most = table_points(steps["dlgrade grade solutions --tasks softmax"].output)["softmax"]
    assert points == most != "0"
    assert "not attempted" in steps["dlgrade grade exercises --tasks softmax"].output
    selected = walk.check("pytest tests/test_variants.py -k softmax -q --collect-only")
    variants = {p.stem for p in (KIT / "tests" / "variants" / "softmax").glob("*.py")}
    assert variants and all(f"softmax/{name}" in selected for name in variants), selected


@pytest.mark.slow
def test_data_readme_as_written(kit_copy, installed, tmp_path):
    missing = [name for name in datasets.names() if datasets.locate(name) is None]
    if missing:
        pytest.skip(f"data/README.md's commands check every dataset; not here: {', '.join(missing)}")
    copy_dataset("mnist", kit_copy / "DIR")
    walk = Walk(installed, tmp_path, kit_copy)
    steps = walk.document("data/README.md")
    print(f"\ndata/README.md walked\n{walk.timings()}")
    assert "holds the files" in steps["dlgrade data where"].output
    assert "SHA-256 matches" in steps["dlgrade data verify mnist --path DIR"].output


#: The documents with commands, and the test that walks each.
WALKED = {
    "README.md": test_readme_as_written,
    "docs/instructors.md": test_instructors_guide_as_written,
    "docs/authoring.md": test_authoring_guide_as_written,
    "data/README.md": test_data_readme_as_written,
}


# -- dlgrade doctor ------------------------------------------------------------------------------

def doctor_run(monkeypatch, findings: list[doctor.Finding]):
    monkeypatch.setattr(doctor, "run_checks", lambda: findings)
    return CliRunner().invoke(cli, ["doctor"])


def test_doctor_exits_1_when_something_required_fails_and_only_then(monkeypatch):
    fine = doctor.Finding("numpy", True, "2.0")
    optional = doctor.Finding("torch", False, "not installed", "python -m pip install torch", required=False)
    required = doctor.Finding("pytest", False, "not installed", required=True)  # no fix: still a failure

    result = doctor_run(monkeypatch, [fine, optional])
    assert result.exit_code == 0 and "warn" in result.output and "FAIL" not in result.output
    result = doctor_run(monkeypatch, [fine, optional, required])
    assert result.exit_code == 1 and "FAIL pytest" in result.output


def test_doctor_help_says_what_is_required():
    text = CliRunner().invoke(cli, ["doctor", "--help"]).output
    assert "Python 3.10" in text and "exit status is 1" in text
    for library in doctor.REQUIRED_LIBRARIES:
        assert library in text.split("Optional")[0]


def test_python_dash_m_graders_is_the_dlgrade_command():
    def run(*command):
        done = subprocess.run([*command, "--help"], capture_output=True, text=True, cwd=KIT)
        return done.returncode, done.stdout

    assert run(sys.executable, "-m", "graders") == run(Path(sys.executable).parent / "dlgrade")


@pytest.fixture
def quick_doctor(monkeypatch):
    """Doctor without the findings that import torch or start a sandbox: the datasets' are the point."""
    monkeypatch.setattr(doctor, "_version", lambda module: "1.0")
    monkeypatch.setattr(doctor, "torch_check", lambda: doctor.Finding("torch", True, ""))
    monkeypatch.setattr(doctor, "gpu_worker_check", lambda: None)
    monkeypatch.setattr(doctor, "bubblewrap_check", lambda: doctor.Finding("bubblewrap", True, ""))


def test_doctor_prints_each_fix_once(tmp_path, monkeypatch, quick_doctor):
    """A damaged dataset file: the fix reads "fix: delete the file ...", not "fix: Fix: ..."."""
    for entry in datasets.spec("mnist")["files"].values():
        (tmp_path / entry["file"]).write_bytes(b"not an IDX file")
    monkeypatch.setenv("DLGRADE_DATA", str(tmp_path))
    monkeypatch.setattr(datasets, "names", lambda: ["mnist"])
    result = CliRunner().invoke(cli, ["doctor"])
    assert "fix: delete the file" in result.output, result.output
    assert "Fix:" not in result.output


def test_doctor_reports_an_unreadable_manifest_instead_of_crashing(monkeypatch, quick_doctor):
    def unreadable():
        raise datasets.DatasetError("the dataset manifest cannot be read")

    monkeypatch.setattr(datasets, "names", unreadable)
    result = CliRunner().invoke(cli, ["doctor"])
    assert result.exit_code == 0, result.output
    assert "warn datasets" in result.output and "manifest cannot be read" in result.output
