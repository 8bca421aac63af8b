"""The student release: nothing a student must not see, and `dlgrade check` works from it alone."""
from __future__ import annotations

import ast
import importlib.util
import os
import shutil
import site
import subprocess
import sys
import sysconfig
import tarfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pytest
from packaging.version import Version

from graders.authoring.release import DISTRIBUTION, INSTRUCTOR_FOLDERS, build_release, leaks, release_files
from graders.authoring.sync import module_files, solution_body
from graders.cli.kit import LazyGroup
from graders.engine import replay
from graders.env import doctor
from tests.kit import KIT, SOLUTIONS

#: Imports of instructor-only modules that shipped files may make: the kit's command line
#: (graders/cli/kit.py) lists the instructors' commands; in the release graders.cli.student replaces it.
UNREACHED_IMPORTS = {("graders/cli/kit.py", f"graders.{folder}.commands")
                     for folder in ("authoring", "classroom", "notebooks", "gradebooks")}
UNREACHED_IMPORTS |= {("graders/cli/kit.py", "graders.gradebooks.gradescope"), ("graders/cli/kit.py", "graders.pages.render")}


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


def test_what_ships_is_decided_by_folder(release):
    """Every module of graders/ ships, but those in an instructors' folder; the public suites ship, the hidden do not,
    and so do their recorded examples."""
    kit = {p.relative_to(KIT / "graders").as_posix() for p in (KIT / "graders").rglob("*")
           if p.is_file() and p.suffix in (".py", ".toml", replay.SUFFIX) and "__pycache__" not in p.parts}
    graders = {p.removeprefix("graders/") for p in release.files if p.startswith("graders/")}
    instructors = {p for p in kit if p.split("/")[0] in INSTRUCTOR_FOLDERS}
    assert {"hidden/test_softmax.py", "classroom/grading.py", "notebooks/generate.py", "authoring/release.py"} <= instructors
    assert graders == (kit - instructors) | {"dataset_manifest.json"}
    assert "public/test_softmax.py" in graders and "engine/kernel.py" in graders and "cli/student.py" in graders
    assert "public/examples/softmax.examples" in graders and "hidden/examples/softmax.examples" in instructors


def test_shipped_modules_import_only_shipped_modules(release):
    """The allow-list is closed: what a shipped file imports from graders ships too."""
    shipped = {path.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
               for path in release.files if path.endswith(".py")}
    imports = {(path, name) for path, data in release.files.items() if path.endswith(".py")
               for name in imported_modules(data.decode())}
    # The kit's command line imports its instructor commands by name, when one runs.
    imports |= {("graders/cli/kit.py", target.split(":")[0]) for target in LazyGroup.LAZY.values()}
    missing = {(path, name) for path, name in imports if name.startswith("graders") and name not in shipped}
    assert missing == UNREACHED_IMPORTS


def imported_modules(source: str) -> set[str]:
    """The modules a source file imports (``from m import n``: ``m.n`` where that is a module of the kit, else ``m``)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                submodule = KIT.joinpath(*node.module.split("."), alias.name)
                is_module = submodule.with_suffix(".py").is_file() or submodule.is_dir()
                names.add(f"{node.module}.{alias.name}" if is_module else node.module)
    return names


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


def test_the_release_is_its_own_distribution(release):
    assert f'name = "{DISTRIBUTION}"' in release.files["pyproject.toml"].decode()
    assert release.folder.name.startswith(f"{DISTRIBUTION}-")


# -- a Python environment without the kit ------------------------------------------------------

@dataclass
class Environment:
    """A virtual environment with this Python's libraries but not the kit, and the variables its
    commands run with: offline pip, no build isolation (the build backend is already here)."""

    venv: Path
    variables: dict[str, str]

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    def run(self, args: list[str | Path], cwd: Path, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run([str(a) for a in args], cwd=cwd, env=self.variables, capture_output=True,
                              text=True, **kwargs)


def offline_build_problem() -> str:
    """Why this Python's setuptools cannot build the kit without downloading anything, or ''."""
    try:
        version = Version(metadata.version("setuptools"))
    except metadata.PackageNotFoundError:
        return "setuptools is not installed"
    if version < Version("64"):
        return f"setuptools {version} cannot install in editable mode (64 or newer can)"
    if version < Version("70.1") and importlib.util.find_spec("wheel") is None:
        return f"setuptools {version} builds wheels only with the wheel package, which is not installed"
    return ""


def environment_without_the_kit(root: Path, home: Path | None = None) -> Environment:
    """A fresh virtual environment at ``root/venv``: this Python's libraries and commands (nbgrader,
    jupyter, pytest, ...), but not the kit. Nothing is copied or downloaded:

    - the libraries: a ``sitecustomize`` on PYTHONPATH puts this Python's site-packages on
      ``sys.path`` after the environment's own ``.pth`` files ran (so an editable install of the kit
      there finds its own copy) and before its own site-packages (so pip and setuptools are
      this Python's, new enough to build the kit offline). An environment made later with
      ``python -m venv`` gets them the same way.
    - the commands: this Python's console scripts, re-pointed at the new interpreter, except the
      kit's own (``dlgrade`` comes with installing the kit).
    - Jupyter's data and settings (nbconvert's templates, the kernel spec), which live beside
      the libraries in this Python's ``share/jupyter`` and ``etc/jupyter``.

    Skips the test where this Python's setuptools cannot build the kit (offline_build_problem).
    """
    if offline_build_problem():
        pytest.skip(f"installs the kit offline with this Python's setuptools: {offline_build_problem()}")
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    kit_commands = {e.name for e in metadata.distribution("dlgrade").entry_points if e.group == "console_scripts"}
    scripts = Path(sysconfig.get_path("scripts"))
    for script in sorted(scripts.iterdir()):
        target = venv / "bin" / script.name
        if script.name in kit_commands or target.exists() or not script.is_file():
            continue
        relaunched = _relaunched(script.read_bytes(), venv / "bin" / "python")
        if relaunched is not None:
            target.write_bytes(relaunched)
            target.chmod(0o755)
    for folder in ("share/jupyter", "etc/jupyter"):
        if (Path(sys.prefix) / folder).is_dir():
            (venv / folder).parent.mkdir(parents=True, exist_ok=True)
            (venv / folder).symlink_to(Path(sys.prefix) / folder)
    libraries = [p for p in site.getsitepackages() if Path(p).is_dir()]
    shim = root / "libraries"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(
        "import sys\n\n"
        f"LIBRARIES = {libraries!r}\n"
        "first = next((i for i, p in enumerate(sys.path) if p.endswith(('site-packages', 'dist-packages'))),"
        " len(sys.path))\n"
        "sys.path[first:first] = [p for p in LIBRARIES if p not in sys.path]\n")
    variables = {k: v for k, v in os.environ.items()
                 if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV") and not k.startswith(("PYTEST_", "JUPYTER_"))}
    path = [p for p in os.environ.get("PATH", "").split(os.pathsep) if p and Path(p) != scripts]
    variables.update(
        PATH=os.pathsep.join([str(venv / "bin"), *path]), PYTHONPATH=str(shim),
        PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1",
        PIP_NO_BUILD_ISOLATION="0",  # pip reads "0" for a --no-... option as that option given
    )
    if home is not None:
        home.mkdir(parents=True, exist_ok=True)
        variables["HOME"] = str(home)
    return Environment(venv, variables)


def _relaunched(script: bytes, python: Path) -> bytes | None:
    """A console script run by ``python`` instead, or None for a file that is not one."""
    first, _, rest = script.partition(b"\n")
    if first.startswith(b"#!") and b"python" in first:
        return b"#!" + bytes(python) + b"\n" + rest
    if first == b"#!/bin/sh" and rest.startswith(b"'''exec' "):  # pip's form for long interpreter paths
        return b"#!" + bytes(python) + b"\n" + rest.split(b"\n", 2)[2]
    return None


# -- the release, installed ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def student(release, tmp_path_factory):
    """The archive unpacked and installed (editable, as its README says) in an environment of its own."""
    root = tmp_path_factory.mktemp("student")
    with tarfile.open(release.archive) as archive:
        archive.extractall(root, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
    kit = root / release.folder.name
    environment = environment_without_the_kit(root, home=root / "home")
    install = environment.run([environment.python, "-m", "pip", "install", "-q", "-e", "."], cwd=kit)
    assert install.returncode == 0, install.stdout + install.stderr
    return kit, environment


def test_a_student_installs_it_and_runs_dlgrade_check_offline(student, tmp_path):
    kit, environment = student
    where = environment.run([environment.python, "-c", "import graders, graders.engine.kernel; print(graders.__file__)"],
                            cwd=tmp_path, check=True)
    assert Path(where.stdout.strip()).parent == kit / "graders"

    def run(*args):
        return environment.run([environment.venv / "bin" / "dlgrade", *args], cwd=kit)

    untouched = run("check", "softmax")
    assert untouched.returncode == 1 and "not attempted" in untouched.stdout, untouched.stdout + untouched.stderr
    shutil.copy(SOLUTIONS / "softmax.py", kit / "exercises" / "softmax.py")
    solved = run("check", "softmax")
    assert solved.returncode == 0 and "passed" in solved.stdout, solved.stdout + solved.stderr
    replayed = environment.run([environment.python, "-c", "from graders.engine import replay; from graders.kit import "
                                "GRADERS; print(len(replay.load(GRADERS / 'public' / 'test_softmax.py')))"],
                               cwd=tmp_path, check=True)
    assert int(replayed.stdout) >= 5, "the release's records are its checks' (their key holds)"
    refused = run("grade", "exercises")
    assert refused.returncode != 0 and "for instructors" in refused.stderr


def test_every_student_command_runs_from_the_release(student):
    kit, environment = student

    def run(*args):
        done = environment.run([environment.venv / "bin" / "dlgrade", *args], cwd=kit)
        return done.returncode, done.stdout + done.stderr

    status, output = run("--version")
    assert status == 0 and output.startswith(f"{DISTRIBUTION} 0."), output
    module = environment.run([environment.python, "-m", "graders", "--help"], cwd=kit)
    assert module.returncode == 0 and "(instructors only)" in module.stdout, module.stdout  # the student's commands
    assert (0, module.stdout) == run("--help")
    status, output = run("list")
    assert status == 0 and "softmax" in output and "mlp" in output, output
    status, output = run("data", "where")
    assert status == 0 and "mnist" in output, output
    status, output = run("doctor")
    assert "student release" in output, output
    for instructors_only in ("nbgrader", "bubblewrap", "-e '.[", "fix: Fix:"):
        assert instructors_only not in output, output


def test_the_release_refuses_to_load_beside_the_kit(student, tmp_path):
    """Installed where the instructor's kit is installed, it would hide the kit: it says so instead."""
    kit, environment = student
    site_packages = Path(environment.run([environment.python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                                         cwd=tmp_path, check=True).stdout.strip())
    fake_kit = site_packages / "dlgrade-0.1.0.dist-info"
    fake_kit.mkdir()
    try:
        (fake_kit / "METADATA").write_text("Metadata-Version: 2.1\nName: dlgrade\nVersion: 0.1.0\n")
        refused = environment.run([environment.python, "-c", "import graders"], cwd=tmp_path)
        command = environment.run([environment.venv / "bin" / "dlgrade", "list"], cwd=kit)
    finally:
        shutil.rmtree(fake_kit)
    assert refused.returncode != 0 and "ImportError" in refused.stderr
    assert "python -m pip uninstall dlgrade-student" in refused.stderr
    assert command.returncode != 0 and "hidden checks" in command.stderr


def test_doctor_suggests_only_what_the_installed_kit_has(monkeypatch):
    """The student release has no nbgrader extra and is often installed from its archive, not a folder."""
    monkeypatch.setattr(doctor, "_version", lambda module: None)
    monkeypatch.setattr(doctor, "bubblewrap_check", lambda: doctor.Finding("bubblewrap", False, "", "", False))
    monkeypatch.setattr(doctor, "gpu_worker_check", lambda: None)
    monkeypatch.setattr(doctor, "dataset_findings", lambda: [])
    monkeypatch.setattr(doctor, "student_release", lambda: True)
    fixes = {f.name: f.fix for f in doctor.run_checks()}
    assert "nbgrader" not in fixes and "bubblewrap" not in fixes
    assert fixes["torch"].startswith("python -m pip install torch")
    assert not [fix for fix in fixes.values() if "-e '." in fix or "dlgrade[" in fix]
    monkeypatch.setattr(doctor, "student_release", lambda: False)
    fixes = {f.name: f.fix for f in doctor.run_checks()}
    assert "-e '.[nbgrader]'" in fixes["nbgrader"] and "-e '.[torch]'" in fixes["torch"]


def test_installed_from_its_archive_the_release_finds_its_dataset_manifest(release, tmp_path):
    """pip install dlgrade-student-*.tar.gz (no data/ folder beside the package) still reads the manifest."""
    environment = environment_without_the_kit(tmp_path, home=tmp_path / "home")
    install = environment.run([environment.python, "-m", "pip", "install", "-q", str(release.archive)], cwd=tmp_path)
    assert install.returncode == 0, install.stdout + install.stderr
    done = environment.run([environment.venv / "bin" / "dlgrade", "data", "where"], cwd=tmp_path)
    assert done.returncode == 0 and "mnist" in done.stdout, done.stdout + done.stderr
