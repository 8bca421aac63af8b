"""The student release: what a student needs to work alone, offline, and nothing they must not see.

``build_release(out_dir)`` writes ``out_dir/dlgrade-student-<version>/`` and the same files as
``out_dir/dlgrade-student-<version>.tar.gz``::

    exercises/       the stubs, generated from solutions/ (graders.authoring.sync)
    graders/         what a student runs: graders/ without the instructors' folders
                     (INSTRUCTOR_FOLDERS), with an __init__.py of its own (STUDENT_INIT)
    data/            the dataset manifest the mlp task's loader checks files against
    pyproject.toml   the distribution ``dlgrade-student``; `pip install -e .` gives the
                     `dlgrade` command (graders.cli.student)
    README.md        for students

``graders/`` is taken by a rule about folders: everything ships but the hidden checks and the
instructors' tools (grading a class, nbgrader, the stubs and this release), each a folder of its
own. Nothing from solutions/, graders/hidden/ or tests/ goes in; before anything is written, :func:`leaks` looks for every reference body in every file
and for imports of the reference or the hidden graders, and the build stops if it finds one.

The release is its own distribution, ``dlgrade-student``, and its ``graders`` refuses to be
imported from an environment where the instructor's kit (``dlgrade``) is installed too: both
provide ``graders``, and the release would hide the kit, so grading would silently run
without the hidden checks.
"""
from __future__ import annotations

import ast
import gzip
import io
import json
import shutil
import tarfile
from dataclasses import dataclass
from pathlib import Path

from graders import tasks
from graders.authoring.sync import module_files, render_exercises, solution_body
from graders.engine import replay
from graders.kit import GRADERS, KIT_ROOT, SOLUTIONS, read_toml
from graders.points import load_points

#: The folders of graders/ that stay with the instructor: the hidden checks, grading a class,
#: nbgrader, and the stubs and this release. A module's folder says whether a student gets it.
INSTRUCTOR_FOLDERS = ("hidden", "classroom", "notebooks", "authoring", "gradebooks", "pages")
DISTRIBUTION = "dlgrade-student"
DATA_FILES = ("manifest.json", "README.md")
EXERCISES_INIT = '"""Your solutions: fill in every function that raises NotImplementedError."""\n'
STUDENT_INIT = '''"""dlgrade, the student release: the exercises' self-checks, without the course's model
solutions or hidden checks.

The instructor's kit (the distribution ``dlgrade``) provides ``graders`` too, so the two cannot
share a Python environment: there this release would hide the kit, and grading would run
without the hidden checks. Importing it from such an environment is refused.
"""
STUDENT_RELEASE = True


def _refuse_beside_the_instructor_kit() -> None:
    from importlib import metadata

    try:
        mine = metadata.distribution("dlgrade-student")
    except metadata.PackageNotFoundError:
        return  # used from its folder, not installed
    folder = mine.locate_file("")
    if any(metadata.distributions(name="dlgrade", path=[str(folder)])):
        raise ImportError(
            "The student release of dlgrade (dlgrade-student) is installed in the same Python "
            f"environment as the instructor's kit (dlgrade), in {folder}. It would hide the kit, and "
            "grading would run without the hidden checks. Install the student release only where "
            "students work (their own environment, or the JupyterHub image). To repair this one: "
            "python -m pip uninstall dlgrade-student, then, in the kit's folder, "
            "python -m pip install -e '.[nbgrader]'")


_refuse_beside_the_instructor_kit()
'''


class ReleaseError(RuntimeError):
    """The release would leak something a student must not see."""


@dataclass
class Release:
    folder: Path
    archive: Path | None
    files: dict[str, bytes]


def build_release(out_dir: Path, archive: bool = True) -> Release:
    """Build the release folder (replacing an earlier build) and its archive."""
    files = release_files()
    problems = leaks(files)
    if problems:
        raise ReleaseError("the student release would leak:\n  " + "\n  ".join(problems))
    name = f"dlgrade-student-{_project()['version']}"
    folder = Path(out_dir) / name
    if folder.exists():
        if not (folder / "pyproject.toml").is_file() or not (folder / "exercises").is_dir():
            raise ReleaseError(f"{folder} exists and is not a student release; not replacing it")
        shutil.rmtree(folder)
    for relative, data in files.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    archive_path = Path(out_dir) / f"{name}.tar.gz" if archive else None
    if archive_path is not None:
        archive_path.write_bytes(tar_gz(name, files))
    return Release(folder, archive_path, files)


def release_files() -> dict[str, bytes]:
    """Every file of the release, by relative path."""
    files = {f"exercises/{name}": text.encode() for name, text in render_exercises(SOLUTIONS).items()}
    files["exercises/__init__.py"] = EXERCISES_INIT.encode()
    for path in student_files():
        files[f"graders/{path.relative_to(GRADERS).as_posix()}"] = path.read_bytes()
    files["graders/__init__.py"] = STUDENT_INIT.encode()
    for name in DATA_FILES:
        if (KIT_ROOT / "data" / name).is_file():
            files[f"data/{name}"] = (KIT_ROOT / "data" / name).read_bytes()
    files["graders/dataset_manifest.json"] = files["data/manifest.json"]  # for a release installed from its archive
    files["pyproject.toml"] = pyproject().encode()
    files["README.md"] = readme().encode()
    files["LICENSE"] = (KIT_ROOT / "LICENSE").read_bytes()
    return dict(sorted(files.items()))


def student_files() -> list[Path]:
    """The modules (and points.toml, and the public checks' recorded examples) of graders/ outside
    INSTRUCTOR_FOLDERS."""
    return [path for path in sorted(GRADERS.rglob("*"))
            if path.is_file() and path.suffix in (".py", ".toml", replay.SUFFIX) and "__pycache__" not in path.parts
            and path.relative_to(GRADERS).parts[0] not in INSTRUCTOR_FOLDERS]


def leaks(files: dict[str, bytes]) -> list[str]:
    """What in ``files`` a student must not get: reference bodies, the hidden graders, imports of them."""
    problems = [f"{path}: from a folder that never ships" for path in files
                if path.startswith(("solutions/", "graders/hidden/", "tests/"))]
    bodies = [(module.name, _squeeze(body)) for module in module_files(SOLUTIONS)
              for body in solution_body(module.read_text(encoding="utf-8")) if body.strip()]
    for path, data in files.items():
        text = data.decode("utf-8", errors="replace")
        squeezed = _squeeze(text)
        problems += [f"{path}: holds a solution body of solutions/{module}"
                     for module, body in bodies if body in squeezed]
        if path.endswith(".py"):
            problems += [f"{path}: imports {name}" for name in _imports(text, path) if _forbidden(name)]
    return problems


def _forbidden(module: str) -> bool:
    return module.split(".")[0] in ("solutions", "tests") or module.startswith("graders.hidden")


def _squeeze(text: str) -> str:
    """Text with indentation and blank lines removed, so a re-indented copy still matches."""
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _imports(source: str, path: str) -> list[str]:
    try:
        tree = ast.parse(source, path)
    except SyntaxError:
        return []
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names += [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
    return names


def _project() -> dict:
    return read_toml(KIT_ROOT / "pyproject.toml")["project"]


def pyproject() -> str:
    """The release's pyproject.toml: the kit's dependencies, the student command."""
    project = _project()
    extras = project.get("optional-dependencies", {})
    lines = [
        "[build-system]", 'requires = ["setuptools>=64"]', 'build-backend = "setuptools.build_meta"', "",
        "[project]", f"name = {json.dumps(DISTRIBUTION)}", f"version = {json.dumps(project['version'])}",
        'description = "Exercises and self-checks for a first course in deep learning (student release)"',
        'readme = "README.md"', f"license = {{ text = {json.dumps(project['license']['text'])} }}",
        f"requires-python = {json.dumps(project.get('requires-python', '>=3.10'))}",
        f"dependencies = {json.dumps(project.get('dependencies', []))}", "",
        "[project.optional-dependencies]", f"torch = {json.dumps(extras.get('torch', ['torch']))}", "",
        "[project.scripts]", 'dlgrade = "graders.cli.student:main"', "",
        "[project.entry-points.pytest11]", 'dlgrade = "graders.engine.plugin"', "",
        "[tool.setuptools.packages.find]", 'include = ["graders*"]', "",
        "[tool.setuptools.package-data]", 'graders = ["points.toml", "dataset_manifest.json"]', "",
        "[tool.pytest.ini_options]", 'testpaths = ["graders/public"]', 'addopts = "-p no:cacheprovider"', "",
    ]
    return "\n".join(lines)


README = """# Deep learning exercises: the student kit

Everything you need to work on the course's exercises on your own machine, offline: the
exercises, the public self-checks, and the `dlgrade check` command that runs them.

The exercises follow the course's lecture notes, numbered 000 to 004. Their descriptions and
checks cite them as *course notes 000* to *course notes 004*: "matches course notes 002", for
example, means your function gives the numbers worked out in lecture notes 002.

## Install (once)

Python 3.10 or newer. In this folder:

```bash
python -m pip install -e .
```

For the `mlp` task you also need PyTorch: `python -m pip install -e ".[torch]"` (or the build
for your GPU from pytorch.org first). `dlgrade doctor` says what is missing and how to install it.

## Work on a task

1. Open `exercises/<task>.py` and read the docstring of each function: what it computes, the
   shapes and dtypes, and a hint.
2. Replace `raise NotImplementedError()` with your code (keep the names and signatures).
3. Run the self-checks for that task, from this folder:

   ```bash
   dlgrade check softmax      # one task
   dlgrade check              # every task
   pytest -m softmax          # the same checks as plain pytest
   ```

   A failing check says what went wrong, the smallest input it failed on, what was expected
   and what your code returned, and a hint. Fix, run again.

## Tasks

{tasks}

## What the checks here do not tell you

These are the public self-checks. When your work is graded, hidden checks also compare your
functions with the course's model solutions on many generated inputs, so passing every check
here is necessary for full marks, not a guarantee of them. The model solutions and the hidden
checks are not part of this kit.

## Notebooks

If your course hands out the exercises as Jupyter notebooks, their check cells use this kit:
install it (as above) in the Python environment your notebooks run in, and each check cell
runs the same self-check as `dlgrade check`. On your course's JupyterHub it is usually
installed already.
"""


def readme() -> str:
    points = load_points()
    shipped = [t for t in tasks.TASKS if (SOLUTIONS / f"{t.id}.py").is_file()
               and (GRADERS / "public" / f"test_{t.id}.py").is_file()]
    rows = ["| task | what it is | points |", "|---|---|---|"]
    rows += [f"| `{t.id}` | {t.title} | {points[t.id].points:g} |" if t.id in points
             else f"| `{t.id}` | {t.title} | |" for t in shipped]
    return README.format(tasks="\n".join(rows))


def tar_gz(name: str, files: dict[str, bytes]) -> bytes:
    """A reproducible .tar.gz of ``files`` under the folder ``name`` (same input, same bytes)."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for relative, data in sorted(files.items()):
            info = tarfile.TarInfo(f"{name}/{relative}")
            info.size, info.mode, info.mtime = len(data), 0o644, 0
            tar.addfile(info, io.BytesIO(data))
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as gz:
        gz.write(raw.getvalue())
    return out.getvalue()
