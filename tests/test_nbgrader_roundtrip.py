"""The real nbgrader round trip, with nbgrader's own CLI and a real Jupyter kernel.

In a temporary course folder: ``dlgrade nbgrader`` writes the source, ``nbgrader
generate_assignment`` makes the student version, four students submit (the reference, a
known-buggy variant, the untouched release, the reference made noisy on stderr),
``nbgrader autograde`` runs the notebooks, the scores are read from nbgrader's gradebook, and
``nbgrader generate_feedback`` writes the HTML feedback. The instructor's course also holds a
Python file with solution markers and a handed-out file students edit, the traps of
nbgrader #1237 and #940.

Select it with ``pytest tests/test_nbgrader_roundtrip.py`` (it is marked ``slow``, and runs by default).
"""
from __future__ import annotations

import ast
import html
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest.importorskip("nbgrader")  # the `nbgrader` extra; nbformat comes with it

import nbformat  # noqa: E402

from graders.authoring.sync import BEGIN, END, solution_body  # noqa: E402
from graders.engine.runner import grade  # noqa: E402
from graders.notebooks.course import write_course  # noqa: E402
from graders.notebooks.generate import cell_id, notebook_module  # noqa: E402
from graders.points import load_points  # noqa: E402
from tests.kit import KIT, SOLUTIONS, Variant, shared  # noqa: E402

pytestmark = pytest.mark.slow

ASSIGNMENT = "activations_softmax_losses"
TASKS = ("softmax", "encoding")
BUGGY = Variant("softmax", KIT / "tests" / "variants" / "softmax" / "no_max_shift.py")
STUDENTS = ("reference", "buggy", "untouched", "noisy")
NOTES = "notes.md"
NOISY = '''

import os as _os
import sys as _sys
import warnings as _warnings

_quiet_softmax = softmax


def softmax(a):
    """The reference, chatty: a warning, stderr, stdout and the raw file descriptor 2."""
    _warnings.warn("softmax: a UserWarning, as PyTorch would print one")
    print("debug: softmax called", file=_sys.stderr)
    print("debug: softmax called")
    _os.write(2, b"debug: straight to fd 2\\n")
    return _quiet_softmax(a)
'''


@dataclass
class Course:
    root: Path
    wall_s: float

    @property
    def release(self) -> Path:
        return self.root / "release" / ASSIGNMENT

    def submitted(self, student: str) -> Path:
        return self.root / "submitted" / student / ASSIGNMENT

    def scores(self) -> dict[tuple[str, str], tuple[float, float, dict[str, float]]]:
        """(student, notebook) -> (score, max score, {grade id: score}) from nbgrader's gradebook."""
        from nbgrader.api import Gradebook

        found = {}
        with Gradebook(f"sqlite:///{self.root / 'gradebook.db'}", "roundtrip") as gradebook:
            for student in STUDENTS:
                for task in TASKS:
                    notebook = gradebook.find_submission_notebook(task, ASSIGNMENT, student)
                    found[student, task] = (notebook.score, notebook.max_score,
                                            {g.name: g.score for g in notebook.grades})
        return found


def nbgrader(root: Path, *args: str) -> str:
    """Run nbgrader's own CLI in the course folder; the kernels it starts see this kit."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(KIT), os.environ.get("PYTHONPATH", "")]),
               PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=root, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def solved(release_nb, source_nb, extra_by_name: dict[str, str] | None = None):
    """The release notebook with each solution cell holding the reference code (markers removed),
    plus ``extra`` code appended to the cells that define the names it redefines."""
    solutions = {c.metadata["nbgrader"]["grade_id"]: c.source for c in source_nb.cells
                 if c.metadata.get("nbgrader", {}).get("solution")}
    notebook = nbformat.from_dict(release_nb)
    for cell in notebook.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            code = "\n".join(line for line in solutions[meta["grade_id"]].splitlines()
                             if not BEGIN.match(line) and not END.match(line))
            for name, extra in (extra_by_name or {}).items():
                if re.search(rf"^(def|class) {name}\b", code, re.MULTILINE):
                    code += "\n\n\n" + extra
            cell.source = code
    return notebook


def defined_names(code: str) -> list[str]:
    return [n.name for n in ast.parse(code).body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]


def submit(course: Path) -> None:
    """Four students hand in every notebook of the assignment; two edit the handed-out notes."""
    variant = BUGGY.path.read_text(encoding="utf-8")
    for student in STUDENTS:
        folder = course / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        (folder / NOTES).write_text((course / "release" / ASSIGNMENT / NOTES).read_text())
        for task in TASKS:
            release_nb = nbformat.read(course / "release" / ASSIGNMENT / f"{task}.ipynb", as_version=4)
            source_nb = nbformat.read(course / "source" / ASSIGNMENT / f"{task}.ipynb", as_version=4)
            if student == "untouched":
                notebook = release_nb
            elif student == "buggy" and task == BUGGY.task:
                notebook = solved(release_nb, source_nb, {n: variant for n in defined_names(variant)})
            elif student == "noisy" and task == "softmax":
                notebook = solved(release_nb, source_nb, {"softmax": NOISY})
            else:
                notebook = solved(release_nb, source_nb)
            nbformat.write(notebook, folder / f"{task}.ipynb")
    for student in ("buggy", "noisy"):
        (course / "submitted" / student / ASSIGNMENT / NOTES).write_text(f"{student}'s own notes\n")


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Course:
    """The round trip, made once per test run (its tests only read the course folder)."""
    return shared(tmp_path_factory, "nbgrader-course", lambda: build_course(tmp_path_factory))


def build_course(tmp_path_factory) -> Course:
    root = tmp_path_factory.mktemp("course")
    started = time.monotonic()
    write_course(root, "roundtrip", TASKS)
    # What instructors add by hand: a module with solution markers (copied to release/ verbatim
    # by nbgrader, #1237), and a file students edit and hand back (overwritten by autograde, #940).
    (root / "source" / ASSIGNMENT / "helpers.py").write_text((SOLUTIONS / "softmax.py").read_text())
    (root / "source" / ASSIGNMENT / NOTES).write_text("Write your notes here.\n")
    nbgrader(root, "generate_assignment", ASSIGNMENT)
    submit(root)
    nbgrader(root, "autograde", ASSIGNMENT)
    nbgrader(root, "generate_feedback", ASSIGNMENT)
    wall = time.monotonic() - started
    print(f"\nnbgrader round trip ({len(STUDENTS)} students x {len(TASKS)} notebooks): {wall:.1f} s wall")
    return Course(root, wall)


def test_reference_scores_full_marks(course):
    points = load_points()
    for task in TASKS:
        score, max_score, _ = course.scores()["reference", task]
        assert max_score == pytest.approx(points[task].points)
        assert score == pytest.approx(max_score)


def test_untouched_release_scores_zero(course):
    for task in TASKS:
        score, max_score, grades = course.scores()["untouched", task]
        assert max_score > 0 and score == 0, grades


def test_buggy_variant_loses_points_on_the_cells_that_catch_it(course):
    scores = course.scores()
    score, max_score, grades = scores["buggy", BUGGY.task]
    assert score < max_score
    failed = {name for name, got in grades.items() if got == 0}
    for check in BUGGY.names("CAUGHT_BY"):
        assert cell_id(BUGGY.task, "public", check) in failed or cell_id(BUGGY.task, "hidden", check) in failed
    for check in BUGGY.names("PASSES"):
        assert cell_id(BUGGY.task, "public", check) not in failed
        assert cell_id(BUGGY.task, "hidden", check) not in failed
    for task in set(TASKS) - {BUGGY.task}:
        assert scores["buggy", task][0] == pytest.approx(scores["buggy", task][1])


def test_gradebook_agrees_with_dlgrade_grade_on_the_same_code(course, tmp_path):
    """Per task and per check, the notebook's grade is what the CLI gives the extracted module."""
    scores = course.scores()
    for student in STUDENTS:
        modules = tmp_path / student
        modules.mkdir()
        for task in TASKS:
            notebook = nbformat.read(course.submitted(student) / f"{task}.ipynb", as_version=4)
            (modules / f"{task}.py").write_text(notebook_module(notebook))
        report = grade(modules, TASKS)
        for task in report.tasks:
            score, _, grades = scores[student, task.task]
            assert task.points == pytest.approx(score, abs=0.01), (student, task.task)
            cli = {cell_id(task.task, c.tier, c.check): c.verdict.passed for c in task.checks}
            notebook_passed = {name: got > 0 for name, got in grades.items()}
            assert cli == notebook_passed, (student, task.task)


def test_feedback_shows_results_but_not_the_hidden_tests(course):
    """nbgrader #917/#1363: feedback keeps each hidden check's message, never its code."""
    text = html_text(course.root / "feedback" / "buggy" / ASSIGNMENT / "softmax.html")
    assert "FAILED: softmax / matches_reference" in text
    assert "smallest failing input" in text
    hidden_cells = text.split("Hidden check softmax", 1)[1]
    for leak in ("BEGIN HIDDEN TESTS", "graders.hidden", "hidden/test_softmax.py", "run_check(", "Traceback"):
        assert leak not in hidden_cells
    hidden_suite = (KIT / "graders" / "hidden" / "test_softmax.py").read_text()
    for line in hidden_suite.splitlines():
        if "reference." in line:
            assert line.strip() not in text
    for student in STUDENTS:
        for task in TASKS:
            assert (course.root / "feedback" / student / ASSIGNMENT / f"{task}.html").is_file()


def html_text(path: Path) -> str:
    """The text a reader sees in an HTML file: no tags, no styles, entities decoded."""
    page = re.sub(r"<(style|script)\b.*?</\1>", "", path.read_text(), flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def test_no_python_file_and_no_solution_reaches_the_release(course):
    """nbgrader #1237: a .py in source/ would be copied to release/ with its solutions."""
    assert not list(course.release.rglob("*.py"))
    assert (course.release / NOTES).is_file()  # other handed-out files still go out
    bodies = [b.strip() for task in TASKS for b in solution_body((SOLUTIONS / f"{task}.py").read_text())]
    for path in course.release.rglob("*"):
        if path.is_file():
            text = path.read_text()
            assert not [b for b in bodies if b in text], path


def test_students_own_files_are_graded_not_overwritten(course):
    """nbgrader #940: autograde would replace a student's copy of a handed-out file with the source's."""
    assert (course.root / "autograded" / "buggy" / ASSIGNMENT / NOTES).read_text() == "buggy's own notes\n"
    assert (course.root / "autograded" / "noisy" / ASSIGNMENT / NOTES).read_text() == "noisy's own notes\n"


def test_output_on_stderr_costs_no_points(course):
    """Anything on a test cell's stderr scores it 0 in nbgrader; a chatty correct solution keeps full marks."""
    score, max_score, grades = course.scores()["noisy", "softmax"]
    assert score == pytest.approx(max_score), grades
    autograded = nbformat.read(course.root / "autograded" / "noisy" / ASSIGNMENT / "softmax.ipynb", as_version=4)
    streams = [o for c in autograded.cells if c.metadata.get("nbgrader", {}).get("grade")
               for o in c.get("outputs", []) if o.get("name") == "stderr"]
    assert streams == []
