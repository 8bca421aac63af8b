"""Generate the student stubs in ``exercises/`` from the reference in ``solutions/``.

A reference function's body is marked with nbgrader's solution markers::

    def softmax(a):
        \"\"\"Docstring: shapes, dtypes and a hint. Kept in the stub.\"\"\"
        ### BEGIN SOLUTION
        ...
        ### END SOLUTION

The stub replaces each marked region with nbgrader's own code stub (``# YOUR CODE
HERE`` / ``raise NotImplementedError()``) at the marker's indentation, so a module
handed out as a file and one handed out in a notebook read and score the same.
"""
from __future__ import annotations

import re
from pathlib import Path

BEGIN = re.compile(r"^(?P<indent>[ \t]*)### BEGIN SOLUTION\s*$")
END = re.compile(r"^[ \t]*### END SOLUTION\s*$")
STUB = ("# YOUR CODE HERE", "raise NotImplementedError()")


class MarkerError(ValueError):
    """Solution markers that do not pair up, or a region the stub would break."""


def strip_solutions(source: str, name: str = "<source>") -> str:
    """``source`` with every solution region replaced by the code stub."""
    out, indent, start = [], None, 0
    for lineno, line in enumerate(source.splitlines(keepends=True), 1):
        begin = BEGIN.match(line)
        if begin:
            if indent is not None:
                raise MarkerError(f"{name}:{lineno}: BEGIN SOLUTION inside the region opened at line {start}")
            indent, start = begin["indent"], lineno
            if not indent:
                raise MarkerError(f"{name}:{lineno}: solution regions must be inside a function body")
            out += [f"{indent}{stub}\n" for stub in STUB]
        elif END.match(line):
            if indent is None:
                raise MarkerError(f"{name}:{lineno}: END SOLUTION without BEGIN SOLUTION")
            indent = None
        elif indent is None:
            out.append(line)
    if indent is not None:
        raise MarkerError(f"{name}:{start}: BEGIN SOLUTION is never closed")
    return "".join(out)


def solution_body(source: str) -> list[str]:
    """The code inside every solution region of ``source`` (used to check releases leak none)."""
    bodies, current = [], None
    for line in source.splitlines():
        if BEGIN.match(line):
            current = []
        elif END.match(line):
            bodies.append("\n".join(current))
            current = None
        elif current is not None:
            current.append(line)
    return bodies


def module_files(solutions_dir: Path) -> list[Path]:
    return sorted(p for p in Path(solutions_dir).glob("*.py") if p.name != "__init__.py")


def render_exercises(solutions_dir: Path) -> dict[str, str]:
    """File name -> stub text for every module in ``solutions_dir``."""
    return {p.name: strip_solutions(p.read_text(encoding="utf-8"), p.name) for p in module_files(solutions_dir)}


def stale_files(solutions_dir: Path, exercises_dir: Path) -> list[str]:
    """Names of stubs in ``exercises_dir`` that are missing or differ from what would be generated."""
    stale = []
    for name, text in render_exercises(solutions_dir).items():
        target = Path(exercises_dir) / name
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale


def write_exercises(solutions_dir: Path, exercises_dir: Path) -> list[str]:
    """Regenerate the stubs; returns the names of the files that changed."""
    exercises_dir = Path(exercises_dir)
    exercises_dir.mkdir(parents=True, exist_ok=True)
    changed = stale_files(solutions_dir, exercises_dir)
    for name, text in render_exercises(solutions_dir).items():
        if name in changed:
            (exercises_dir / name).write_text(text, encoding="utf-8")
    init = exercises_dir / "__init__.py"
    if not init.exists():
        init.write_text('"""Your solutions: fill in every function that raises NotImplementedError."""\n')
    return changed
