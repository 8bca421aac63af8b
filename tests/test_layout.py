"""graders/ by role: few top-level modules, no import cycle, imports at the top of modules.

A module's folder says its role (engine/, worker/, testing/, env/, cli/, and the instructors'
classroom/, notebooks/, authoring/; the suites in public/ and hidden/); the top level holds what
every role shares (paths, tasks, points, the result model and its formats).
"""
from __future__ import annotations

import ast
import json
import os
import subprocess
import sys

import pytest

from tests.kit import KIT

GRADERS = KIT / "graders"
#: Function-level imports are for start-up time (a heavy library only where it is used) or for a
#: library that may be missing (the doctor reports it); each says which in a comment on its line.
REASONS = ("start-up time", "may be missing")


def modules() -> dict[str, ast.Module]:
    """Every module of graders/, by dotted name, parsed."""
    found = {}
    for path in sorted(GRADERS.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        parts = path.relative_to(KIT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = ast.parse(path.read_text(encoding="utf-8"))
    return found


def imports_of(name: str, tree: ast.Module, known) -> set[str]:
    """The kit's modules that ``name`` imports, anywhere in it (``from a import b``: ``a.b`` if a module)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            base = node.module if not node.level else ".".join(name.split(".")[:-node.level] + [node.module])
            found |= {f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names}
    return {m for m in found if m in known and m != name}


def test_at_most_eight_modules_at_the_top_of_graders():
    top = sorted(p.name for p in GRADERS.glob("*.py"))
    assert len(top) <= 8, top


def test_no_import_cycle():
    parsed = modules()
    graph = {name: imports_of(name, tree, set(parsed)) for name, tree in parsed.items()}
    graph = {name: {m for m in targets if not name.startswith(m + ".")} for name, targets in graph.items()}
    state: dict[str, str] = {}

    def visit(name, path):
        state[name] = "open"
        for target in sorted(graph[name]):
            assert state.get(target) != "open", " -> ".join(path + [target])
            if target not in state:
                visit(target, path + [target])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])


def test_imports_inside_functions_say_why():
    """Outside the command lines (cli/ and each instructor folder's commands.py), an import inside a
    function is there for start-up time or for a library that may be missing, and says so."""
    unexplained = []
    for path in sorted(GRADERS.rglob("*.py")):
        relative = path.relative_to(GRADERS).as_posix()
        if "__pycache__" in path.parts or relative.startswith(("cli/", "public/", "hidden/")) \
                or path.name in ("commands.py", "__main__.py"):
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for function in ast.walk(ast.parse("\n".join(lines))):
            if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                unexplained += [f"{relative}:{node.lineno}" for node in ast.walk(function)
                                if isinstance(node, (ast.Import, ast.ImportFrom))
                                and not any(reason in lines[node.lineno - 1] for reason in REASONS)]
    assert not unexplained, unexplained


def test_suites_use_the_toolkit_and_a_hidden_suite_never_imports_a_public_one():
    """Gradient checks and scalar expectations come from graders/testing; what a task's two suites share
    lives in graders/testing/shared/<task>.py."""
    own_tools = ("numerical_gradient", "relative_error", "expect_gradient", "expect_scalar")
    found = []
    for path in sorted((GRADERS / "public").glob("test_*.py")) + sorted((GRADERS / "hidden").glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [f"{path.parent.name}/{path.name} defines {node.name}" for node in ast.walk(tree)
                  if isinstance(node, ast.FunctionDef) and node.name in own_tools]
        if path.parent.name == "hidden":
            found += [f"hidden/{path.name} imports {node.module}" for node in ast.walk(tree)
                      if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("graders.public")]
    assert not found, found


def test_no_suite_asks_for_a_fixture_of_a_plugin_graded_sessions_leave_out():
    """A graded session loads none of runner.UNUSED_PYTEST_PLUGINS: a check or fixture of the suites,
    the toolkit or the grading plugin that named one of their fixtures would be a grader error."""
    from graders.engine.runner import UNAVAILABLE_FIXTURES

    asked = []
    paths = [*(GRADERS / "public").glob("*.py"), *(GRADERS / "hidden").glob("*.py"),
             *(GRADERS / "testing").rglob("*.py"), GRADERS / "engine" / "plugin.py"]
    for path in sorted(paths):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef):
                names = [a.arg for a in node.args.args + node.args.kwonlyargs]
                asked += [f"{path.relative_to(GRADERS)}:{node.lineno} {node.name}({n})"
                          for n in names if n in UNAVAILABLE_FIXTURES]
            elif isinstance(node, ast.Constant) and node.value in UNAVAILABLE_FIXTURES:
                asked += [f"{path.relative_to(GRADERS)}:{node.lineno} {node.value!r}"]   # getfixturevalue("...")
    assert not asked, asked


def test_the_dlgrade_command_runs_no_hypothesis_plugin():
    """Packages that register a hypothesis hook (trio does) neither slow the command down nor change a grade."""
    code = ("import importlib.metadata, json, sys\n"
            "import graders.cli.kit\n"
            "hooks = {e.value.split(':')[0].split('.')[0] for e in importlib.metadata.entry_points(group='hypothesis')}\n"
            "print(json.dumps([sorted(hooks), sorted(hooks & set(sys.modules))]))")
    env = {k: v for k, v in os.environ.items() if k != "HYPOTHESIS_NO_PLUGINS"}
    hooks, loaded = json.loads(subprocess.run([sys.executable, "-c", code], cwd=KIT, env=env, capture_output=True,
                                              text=True, check=True).stdout)
    if not hooks:
        pytest.skip("no installed package registers a hypothesis hook here")
    assert not loaded, f"the command imported the hypothesis hooks of {loaded}"


def test_numpy_multiplies_matrices_on_one_thread_in_the_grader_and_its_workers():
    """OpenBLAS's threads spin after every product; on a grade's small arrays they only take CPU from the task
    graded on the other core. The dlgrade command and every worker run numpy's BLAS on the calling thread."""
    code = ("import os\n"
            "import graders.cli.kit\n"
            "import numpy as np\n"
            "from graders.engine.remote import Worker\n"
            "from graders.kit import SOLUTIONS\n"
            "x = np.ones((300, 300))\n"
            "worker = Worker(SOLUTIONS, 'layers')\n"
            "worker.ensure_started().Affine(x, np.zeros(300)).forward(x)\n"
            "x @ x\n"   # after the worker started: OpenBLAS stops its threads when a process forks
            "print(len(os.listdir('/proc/self/task')), len(os.listdir(f'/proc/{worker.proc.pid}/task')))\n"
            "worker.stop()\n")
    env = {**{k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}, "DLGRADE_SANDBOX": "none"}
    threads = subprocess.run([sys.executable, "-c", code], cwd=KIT, env=env, capture_output=True, text=True,
                             check=True).stdout.split()
    assert threads == ["1", "1"]
