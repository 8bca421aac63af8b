"""nbgrader source notebooks, generated from the single source: ``solutions/`` and the grader suites.

One notebook per task (``<task>.ipynb``) in one folder per nbgrader assignment (the task's
topic group in :mod:`graders.tasks`). A notebook holds, in order:

- a read-only markdown cell: the task's title, its points and the module docstring;
- the module's own code (imports, constants, helpers the student is given) in read-only cells;
- for each function or class the student writes: a read-only markdown cell made from its
  docstring, then a solution cell with the reference between nbgrader's solution markers
  (``generate_assignment`` turns it into the same stub as ``exercises/``);
- after the last function a check calls, one autograder test cell per check, worth
  task points * check weight / sum of the task's check weights, so that a notebook's total
  is what ``dlgrade grade`` gives the task. A public check is visible; a hidden check sits
  between nbgrader's hidden-test markers. Each test cell runs its check with
  :func:`graders.engine.kernel.run_check`.

The output depends only on the source files and the points file: generating twice gives
the same bytes.
"""
from __future__ import annotations

import ast
import contextlib
import functools
import hashlib
import inspect
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path

from graders.notebooks import keep_out_jsonschemas_iri_parsers

keep_out_jsonschemas_iri_parsers()   # `dlgrade nbgrader`, `dlgrade extract`, a Gradescope grade of notebooks

import nbformat  # noqa: E402
import pytest  # noqa: E402

from graders import tasks
from graders.authoring.sync import BEGIN
from graders.engine.plugin import TIERS, check_of
from graders.engine.runner import suite_files
from graders.kit import KIT_ROOT, SOLUTIONS
from graders.points import TaskPoints, load_points

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
FIXTURE_METHODS = {"with_reference", "with_timeout"}
INTRO = """Write your code in the cells that say `# YOUR CODE HERE`, in place of the \
`raise NotImplementedError()` line; keep the names and signatures. The check cell after a \
function runs the course's self-checks on it: run it, read what failed and on which input, fix, \
run it again. Cells marked *hidden check* run when your work is graded. *Course notes 000* to \
*004*, cited in the descriptions and checks, are the course's lecture notes, by their numbers. \
Before you submit, restart the kernel and run all cells. (The check cells need the course's \
`dlgrade` package in the Python this notebook runs: your course's Jupyter has it, or install the \
student kit your instructor hands out.)"""


class GenerationError(ValueError):
    """A task whose notebook cannot be generated (say, a check nbgrader could not call)."""


@dataclass(frozen=True)
class Check:
    """One grader check as pytest collects it (a parametrized test gives one per case)."""

    tier: str
    task: str
    name: str            # check id, as in points.toml: function name without test_, with [case]
    node_id: str         # public/test_softmax.py::test_rows_sum_to_one
    description: str
    uses: frozenset = frozenset()  # the student's names the check calls


@dataclass(frozen=True)
class Segment:
    """A top-level part of a solutions module: code the student writes, or code they are given."""

    source: str
    solution: bool
    names: tuple[str, ...] = ()  # what it defines
    signature: str = ""
    docstring: str = ""
    reads: frozenset = frozenset()  # names its statements read when the module runs


# -- what there is to generate ---------------------------------------------------------------
def collect_checks(task_ids) -> tuple[dict[str, list[Check]], list[str]]:
    """The checks of each task's suites, collected by pytest exactly as ``dlgrade grade`` runs
    them, and the suites pytest skipped whole here."""
    task_ids = list(task_ids)
    found, errors, skipped = _collect(suite_files(task_ids, TIERS), _check_of)
    if errors:
        raise GenerationError("grader suites that pytest cannot collect: " + "; ".join(errors))
    checks: dict[str, list[Check]] = {task_id: [] for task_id in task_ids}
    for check in found:
        checks[check.task].append(check)
    return checks, skipped


def _collect(files, convert) -> tuple[list, list[str], list[str]]:
    """``convert(item)`` for every check pytest collects from ``files`` (as ``dlgrade grade`` would),
    the collection errors, and the node ids of the suites skipped whole (``pytest.importorskip``)."""
    class Collector:
        def __init__(self):
            self.results, self.errors, self.skipped = [], [], []

        def pytest_collection_finish(self, session):
            self.results.extend(convert(item) for item in session.items)

        def pytest_collectreport(self, report):
            if report.failed:
                lines = report.longreprtext.strip().splitlines()   # shown to the author, not read
                self.errors.append(f"{report.nodeid}: {lines[-1] if lines else 'could not be collected'}")
            elif report.skipped:
                self.skipped.append(report.nodeid)

    collector = Collector()
    args = [*map(str, files), "--collect-only", "-q", "-s", "-p", "no:cacheprovider", "-p", "no:faulthandler",
            "-p", "no:benchmark", "-o", "addopts=", "-o", "python_files=test_*.py", f"--rootdir={KIT_ROOT}"]
    with contextlib.redirect_stdout(io.StringIO()):
        pytest.main(args, plugins=[collector])
    return collector.results, collector.errors, collector.skipped


def _check_of(item) -> Check:
    check, path = check_of(item), Path(item.path)
    return Check(check.tier, check.task, check.name, f"{check.tier}/{path.name}::{item.name}", check.description,
                 frozenset(_student_names(path, item.originalname)))


@functools.lru_cache(maxsize=64)
def _suite_tree(suite: Path, mtime_ns: int) -> ast.Module:
    return ast.parse(suite.read_text(encoding="utf-8"))


#: In a check's ``uses``: it reaches the student's code in a way the generator cannot follow
#: (``getattr(student, name)``, ``student`` handed to a helper), so it goes after every function.
ANY_NAME = "*"


def _student_names(suite: Path, function: str) -> set[str]:
    """Names the check reads from ``student`` (``student.softmax``, ``student.with_reference(..).XOR``),
    or ANY_NAME among them where it reaches ``student`` some other way."""
    node = next((n for n in _suite_tree(suite, suite.stat().st_mtime_ns).body if isinstance(n, ast.FunctionDef) and n.name == function), None)
    names, followed = set(), set()
    for sub in ast.walk(node) if node else ():
        if isinstance(sub, ast.Attribute) and _rooted_at_student(sub.value):
            names.add(sub.attr)
            followed.add(id(_root(sub.value)))
    for sub in ast.walk(node) if node else ():
        if isinstance(sub, ast.Name) and sub.id == "student" and isinstance(sub.ctx, ast.Load) \
                and id(sub) not in followed:
            names.add(ANY_NAME)
    return names - FIXTURE_METHODS


def _root(node):
    while isinstance(node, (ast.Attribute, ast.Call)):
        node = node.value if isinstance(node, ast.Attribute) else node.func
    return node


def _rooted_at_student(node) -> bool:
    node = _root(node)
    return isinstance(node, ast.Name) and node.id == "student"


def available_tasks(task_ids=None) -> list[tasks.Task]:
    """Tasks that have a reference module (the others are not written yet), in course order."""
    wanted = set(task_ids) if task_ids else None
    for task_id in wanted or ():
        tasks.get(task_id)
    return [t for t in tasks.TASKS if (wanted is None or t.id in wanted)
            and (SOLUTIONS / f"{t.id}.py").is_file()]


# -- splitting a solutions module into cells ---------------------------------------------------
def split_module(source: str) -> list[Segment]:
    """The module's top-level statements as segments, comments kept with the statement below.

    A statement holding a solution region is a segment of its own; the others merge into
    read-only "given code" segments. The module docstring is left out (the notebook's intro
    shows it).
    """
    tree = ast.parse(source)
    lines = source.splitlines()
    marked = {n for n, line in enumerate(lines, 1) if BEGIN.match(line)}
    body = tree.body[1:] if ast.get_docstring(tree) is not None else tree.body
    start = tree.body[0].end_lineno + 1 if body is not tree.body else 1
    spans: list[tuple[int, int, list]] = []  # first line, last line, statements
    for node in body:
        end = _last_line(lines, node.end_lineno)
        solution = any(start <= n <= end for n in marked)
        if not solution and spans and not _has_solution(spans[-1], marked):
            spans[-1] = (spans[-1][0], end, spans[-1][2] + [node])
        else:
            spans.append((start, end, [node]))
        start = end + 1
    segments = []
    for first, last, nodes in spans:
        text = "\n".join(lines[first - 1:last]).strip("\n")
        names = tuple(name for node in nodes for name in _defined_names(node))
        reads = frozenset(name for node in nodes for name in _module_level_reads(node))
        if _has_solution((first, last, nodes), marked):
            segments.append(Segment(text, True, names, _signature(nodes[0]), ast.get_docstring(nodes[0]) or "",
                                    reads))
        else:
            segments.append(Segment(text, False, names, reads=reads))
    return [s for s in segments if s.source.strip()]


def _has_solution(span, marked: set[int]) -> bool:
    return any(span[0] <= n <= span[1] for n in marked)


def _last_line(lines: list[str], end: int) -> int:
    """The statement's last line, indented comments after it (``### END SOLUTION``) included."""
    last = end
    for number in range(end + 1, len(lines) + 1):
        line = lines[number - 1]
        if line.strip() and not line[0].isspace():
            break
        if line.strip():
            last = number
    return last


def _module_level_reads(node) -> set[str]:
    """Names a statement reads as the module runs: function bodies (run later) left out."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        parts = [*node.decorator_list, *node.args.defaults, *node.args.kw_defaults]
    elif isinstance(node, ast.ClassDef):
        parts = [*node.decorator_list, *node.bases, *(k.value for k in node.keywords), *node.body]
    else:
        parts = [node]
    names = set()
    for part in filter(None, parts):
        if isinstance(part, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names |= _module_level_reads(part)
            continue
        names |= {n.id for n in ast.walk(part) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    return names


def notebook_order(segments: list[Segment]) -> list[tuple[int, Segment]]:
    """The segments in notebook order, with their index in the module.

    Given code comes first when it does not need the student's code to run (imports, constants,
    helpers, even those the module defines at its end), so that each function's checks can
    follow it directly; given code that uses the student's code keeps its place.
    """
    written = {name for s in segments if s.solution for name in s.names}
    first = [not s.solution and not s.reads & written for s in segments]
    return sorted(enumerate(segments), key=lambda pair: not first[pair[0]])  # stable: module order kept


def _defined_names(node) -> tuple[str, ...]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return (node.name,)
    targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
    return tuple(t.id for t in targets if isinstance(t, ast.Name))


def _signature(node) -> str:
    if isinstance(node, ast.ClassDef):
        return f"class {node.name}"
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return f"{node.name}({ast.unparse(node.args)})"
    return ""


# -- docstrings as markdown ----------------------------------------------------------------------
SECTIONS = ("Args", "Arguments", "Parameters", "Attributes", "Returns", "Return", "Yields", "Raises",
            "Hint", "Hints", "Note", "Notes", "Example", "Examples", "Shapes", "Warning", "See also")
SECTION = re.compile(rf"^(?P<head>{'|'.join(SECTIONS)}):\s*(?P<rest>.*)$")
ITEM = re.compile(r"^(?P<name>\*{0,2}\w+(?:\s*,\s*\*{0,2}\w+)*(?:\s*\([^)]*\))?):\s+(?P<rest>.*)$")


def docstring_markdown(doc: str) -> str:
    """A Google-style docstring as markdown: sections in bold, their items as a list."""
    out: list[str] = []
    section_indent = None
    for line in inspect.cleandoc(doc).splitlines():
        indent = len(line) - len(line.lstrip())
        text = line.strip()
        section = SECTION.match(line)
        if not text:
            section_indent = None
            out.append("")
        elif indent == 0 and section:
            out += ["", f"**{section['head']}:** {_escape(section['rest'])}".rstrip()]
            section_indent = -1
        elif section_indent is not None and indent > 0:
            item = ITEM.match(text)
            if section_indent in (-1, indent) and item:
                section_indent = indent
                out.append(f"- `{item['name']}`: {_escape(item['rest'])}")
            else:
                out[-1] += " " + _escape(text)
        else:
            out.append(_escape(text))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()


def _escape(text: str) -> str:
    """Markdown-safe text; spans in backticks stay code."""
    parts = text.split("`")
    for i in range(0, len(parts), 2):
        parts[i] = re.sub(r"([\\_*\[\]<>#|])", r"\\\1", parts[i])
    return "`".join(parts)


# -- cells ---------------------------------------------------------------------------------------
ID_CHARS = re.compile(r"[^A-Za-z0-9_-]+")


def cell_id(*parts: str) -> str:
    """A grade id / cell id nbgrader and nbformat accept: [A-Za-z0-9_-], at most 64 characters."""
    text = ID_CHARS.sub("_", "-".join(parts)).strip("_")
    if len(text) > 64:
        text = f"{text[:55]}-{hashlib.sha1(text.encode()).hexdigest()[:8]}"
    return text


def nbgrader_cell(kind: str, source: str, grade_id: str, *, solution: bool = False,
                  grade: bool = False, locked: bool = False, points: float | None = None):
    """A cell with nbgrader's schema-3 metadata."""
    maker = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
    cell = maker(source)
    cell.id = grade_id
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
            "solution": solution, "task": False}
    if grade:
        meta["points"] = points
    cell.metadata = nbformat.NotebookNode({"nbgrader": meta})
    return cell


POINT_UNIT = 1 / 4096  # cell points are multiples of it, so nbgrader's sums of them are exact


def check_points(checks: list[Check], task_points: TaskPoints) -> dict[str, float]:
    """Each check's share of the task's points: points * weight / sum of the task's weights.

    Shares are rounded to multiples of POINT_UNIT, the rounding spread by largest remainder so
    that the cells add up to the task's points exactly (10, not 9.999999999999998, in the
    gradebook); a share moves by less than POINT_UNIT.
    """
    weights = [task_points.weight(c.name) for c in checks]
    total = sum(weights)
    if not total:
        return {c.name: 0.0 for c in checks}
    exact = [task_points.points * w / total / POINT_UNIT for w in weights]
    units = [math.floor(x) for x in exact]
    missing = round(task_points.points / POINT_UNIT) - sum(units)
    by_remainder = sorted(range(len(checks)), key=lambda i: (units[i] - exact[i], i))
    for i in by_remainder[:max(missing, 0)]:
        units[i] += 1
    return {c.name: u * POINT_UNIT for c, u in zip(checks, units)}


def check_cell(check: Check, points: float):
    runner = f"from graders.engine.kernel import run_check\n\nrun_check({check.node_id!r}, globals(), points={points!r})"
    title = f"{check.task} / {check.name}" + (f": {check.description}" if check.description else "")
    if check.tier == "public":
        source = f"# Check {title}\n{runner}"
    else:
        source = (f"# Hidden check {title}\n# It runs when your work is graded; its result is in your feedback.\n"
                  f"### BEGIN HIDDEN TESTS\n{runner}\n### END HIDDEN TESTS")
    return nbgrader_cell("code", source, cell_id(check.task, check.tier, check.name),
                         grade=True, locked=True, points=points)


# -- notebooks -------------------------------------------------------------------------------------
def task_notebook(task: tasks.Task, checks: list[Check], task_points: TaskPoints):
    """The nbgrader source notebook of one task."""
    source = (SOLUTIONS / f"{task.id}.py").read_text(encoding="utf-8")
    segments = notebook_order(split_module(source))
    points = check_points(checks, task_points)
    after = _placement([s for _, s in segments], checks)
    intro = (f"# {task.title}\n\n**Task `{task.id}`** · {task_points.points:g} points · "
             f"assignment `{task.assignment}`\n\n{docstring_markdown(ast.get_docstring(ast.parse(source)) or '')}"
             f"\n\n{INTRO}")
    cells = [nbgrader_cell("markdown", intro, cell_id(task.id, "intro"), locked=True)]
    for position, (index, segment) in enumerate(segments):
        if segment.solution:
            name = segment.names[0] if segment.names else str(index)
            heading = f"## `{segment.signature}`\n\n" if segment.signature else ""
            cells.append(nbgrader_cell("markdown", heading + docstring_markdown(segment.docstring),
                                       cell_id(task.id, name, "doc"), locked=True))
            cells.append(nbgrader_cell("code", segment.source, cell_id(task.id, name), solution=True))
        else:
            cells.append(nbgrader_cell("code", segment.source, cell_id(task.id, "given", str(index)),
                                       locked=True))
        cells += [check_cell(c, points[c.name]) for c in checks if after[c.name] == position]
    last = [c for c in checks if after[c.name] is None]
    if last:
        cells.append(nbgrader_cell("markdown", "## More checks", cell_id(task.id, "more-checks"), locked=True))
        cells += [check_cell(c, points[c.name]) for c in last]
    notebook = nbformat.v4.new_notebook(cells=cells, metadata={
        "kernelspec": KERNELSPEC, "language_info": {"name": "python"}})
    nbformat.validate(notebook)
    return notebook


def _placement(segments: list[Segment], checks: list[Check]) -> dict[str, int | None]:
    """Index of the segment after which each check goes: the last one defining a name it uses."""
    defined_at = {name: i for i, s in enumerate(segments) if s.solution for name in s.names}
    placement = {}
    for check in checks:
        if ANY_NAME in check.uses:
            placement[check.name] = None
            continue
        found = [defined_at[n] for n in check.uses if n in defined_at]
        placement[check.name] = max(found) if found else None
    return placement


@dataclass
class NotebookPlan:
    task: tasks.Task
    path: Path           # relative to the source folder: <assignment>/<task>.ipynb
    notebook: nbformat.NotebookNode
    checks: list[Check]
    points: float


def plan_source(task_ids=None, points_file: Path | None = None) -> tuple[list[NotebookPlan], dict[str, str]]:
    """The notebooks to write, one per task with a reference module and at least one check, and
    why each other task with a reference gets none."""
    points = load_points(points_file)
    available = available_tasks(task_ids)
    left_out = {task.id: f"{needed.name} is not installed here; {needed.fix}"
                for task in available if (needed := task.unmet()) is not None}
    available = [task for task in available if task.id not in left_out]
    checks, skipped = collect_checks(t.id for t in available)
    plans = []
    for task in available:
        if not checks[task.id]:
            suites = [nodeid for nodeid in skipped if f"/test_{task.id}.py" in nodeid]
            left_out[task.id] = (f"its grader suites were skipped here ({', '.join(suites)})" if suites
                                 else "its grader suites have no checks yet")
            continue
        task_points = points.get(task.id, TaskPoints(0.0))
        ordered = sorted(checks[task.id], key=lambda c: TIERS.index(c.tier))
        plans.append(NotebookPlan(task, Path(task.assignment) / f"{task.id}.ipynb",
                                  task_notebook(task, ordered, task_points), ordered, task_points.points))
    return plans, left_out


def write_source(source_dir: Path, plans: list[NotebookPlan]) -> list[Path]:
    """Write the notebooks under ``source_dir``; returns the files whose bytes changed."""
    changed = []
    for plan in plans:
        target = Path(source_dir) / plan.path
        text = nbformat.writes(plan.notebook, version=4)
        if not text.endswith("\n"):
            text += "\n"
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            changed.append(target)
    return changed


# -- back from a notebook to a module --------------------------------------------------------------
MAGIC = re.compile(r"^(\s*)([%!].*)$", re.MULTILINE)


def notebook_module(notebook) -> str:
    """The student's code in a notebook as a module ``dlgrade grade`` can grade.

    Every code cell except the autograder test cells, in order (the given code, the solution
    cells and any cell the student added); IPython magics and shell escapes become comments.
    """
    parts = []
    for cell in notebook.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type != "code" or (meta.get("grade") and not meta.get("solution")):
            continue
        parts.append(MAGIC.sub(r"\1# \2", cell.source).strip("\n"))
    return "\n\n\n".join(p for p in parts if p.strip()) + "\n"


def notebook_points(notebook) -> dict[str, float]:
    """Points of each autograder test cell, by grade id."""
    return {cell.metadata["nbgrader"]["grade_id"]: cell.metadata["nbgrader"]["points"]
            for cell in notebook.cells
            if cell.get("metadata", {}).get("nbgrader", {}).get("grade")}


def extract_modules(folder: Path, out: Path) -> tuple[list[str], list[str]]:
    """Turn a student's notebooks (``<task>.ipynb`` anywhere in ``folder``) into modules in ``out``.

    Returns (the tasks written, one line per notebook that could not be read: what and the fix).
    """
    out.mkdir(parents=True, exist_ok=True)
    written, unreadable = [], []
    for notebook in sorted(Path(folder).rglob("*.ipynb")):
        if notebook.stem not in tasks.BY_ID or ".ipynb_checkpoints" in notebook.parts:
            continue
        try:
            module = notebook_module(nbformat.read(notebook, as_version=4))
        except Exception as exc:  # nbformat raises many kinds for a damaged file; all mean the same here
            unreadable.append(f"{notebook.name} is not a valid notebook ({type(exc).__name__}); "
                              f"re-download it or hand in {notebook.stem}.py instead")
            continue
        (out / f"{notebook.stem}.py").write_text(module, encoding="utf-8")
        written.append(notebook.stem)
    return written, unreadable
