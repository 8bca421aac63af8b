"""nbgrader source notebooks: schema, points, idempotency, parity with exercises/, the course config,
and the in-kernel check runner (graders.engine.kernel)."""
from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

nbgrader = pytest.importorskip("nbgrader")  # the `nbgrader` extra; nbformat comes with it

import nbformat  # noqa: E402

from graders import tasks  # noqa: E402
from graders.authoring.sync import strip_solutions  # noqa: E402
from graders.engine import kernel  # noqa: E402
from graders.engine.kernel import CheckNotPassed, quiet, run_check, worker_for  # noqa: E402
from graders.engine.problems import (  # noqa: E402
    CallTimeout,
    InputChanged,
    MissingName,
    NotAttempted,
    NumpyWarning,
    StudentException,
)
from graders.engine.remote import RemoteObject, type_name  # noqa: E402
from graders.engine.runner import grade  # noqa: E402
from graders.notebooks.course import KIT_CONFIG_NAME, cell_timeout, write_course  # noqa: E402
from graders.notebooks.generate import (  # noqa: E402
    Check,
    check_points,
    notebook_module,
    plan_source,
    split_module,
)
from graders.points import TaskPoints, load_points  # noqa: E402
from graders.report import check_feedback  # noqa: E402
from tests.kit import EXERCISES, KIT, SOLUTIONS, all_variants, make_submission  # noqa: E402


@pytest.fixture(scope="module")
def plans():
    plans, left_out = plan_source()
    assert not set(left_out) & {p.task.id for p in plans}
    return plans


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return write_course(tmp_path_factory.mktemp("course"), "unit", ["softmax"])


def nbgrader_meta(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


# -- the notebooks ---------------------------------------------------------------------------------
def test_every_task_with_a_reference_and_checks_gets_a_notebook_in_its_assignment(plans):
    assert {p.task.id for p in plans} >= {"softmax"}
    for plan in plans:
        assert plan.path == Path(plan.task.assignment) / f"{plan.task.id}.ipynb"
        assert (SOLUTIONS / f"{plan.task.id}.py").is_file()


def test_cell_metadata_follows_nbgraders_schema(plans):
    import jsonschema
    from nbgrader.nbgraderformat import MetadataValidator

    schema = json.loads((Path(nbgrader.__file__).parent / "nbgraderformat" / "v3.json").read_text())
    for plan in plans:
        nbformat.validate(plan.notebook)
        MetadataValidator().validate_nb(plan.notebook)
        for cell in plan.notebook.cells:
            jsonschema.validate(nbgrader_meta(cell), schema)
            assert cell.id == nbgrader_meta(cell)["grade_id"]


def test_cells_have_the_roles_nbgrader_expects(plans):
    for plan in plans:
        for cell in plan.notebook.cells:
            meta = nbgrader_meta(cell)
            if meta["solution"]:
                assert cell.cell_type == "code" and not meta["locked"] and not meta["grade"]
                assert "### BEGIN SOLUTION" in cell.source and "### END SOLUTION" in cell.source
            elif meta["grade"]:
                assert cell.cell_type == "code" and meta["locked"] and meta["points"] > 0
                hidden = "### BEGIN HIDDEN TESTS" in cell.source
                assert hidden == ("-hidden-" in meta["grade_id"]) and ("### END HIDDEN TESTS" in cell.source) == hidden
                assert "run_check(" in cell.source
            else:
                assert meta["locked"], f"{plan.task.id}: {meta['grade_id']} should be read-only"


def test_one_test_cell_per_check_and_points_add_up_to_the_task(plans):
    points = load_points()
    for plan in plans:
        cells = [nbgrader_meta(c) for c in plan.notebook.cells if nbgrader_meta(c)["grade"]]
        assert len(cells) == len(plan.checks)
        assert sum(c["points"] for c in cells) == points[plan.task.id].points  # exactly: no 9.999999999999998


def test_check_weights_split_a_tasks_points():
    checks = [Check("public", "t", name, f"public/test_t.py::test_{name}", "") for name in ("a", "b", "c")]
    assert check_points(checks, TaskPoints(12, {"a": 2.0})) == {"a": 6.0, "b": 3.0, "c": 3.0}
    thirds = check_points(checks, TaskPoints(10))
    assert sum(thirds.values()) == 10 and max(abs(v - 10 / 3) for v in thirds.values()) < 1 / 4096


def test_each_check_comes_after_the_functions_it_calls(plans):
    for plan in plans:
        solution_names = {n for seg in split_module((SOLUTIONS / f"{plan.task.id}.py").read_text())
                          if seg.solution for n in seg.names}
        defined: set[str] = set()
        for cell in plan.notebook.cells:
            meta = nbgrader_meta(cell)
            if meta["grade"]:
                check = next(c for c in plan.checks if f"{c.node_id}'" in cell.source)
                assert check.uses & solution_names <= defined, (plan.task.id, check.name)
            elif cell.cell_type == "code":
                defined |= {n.name for n in ast.parse(cell.source).body
                            if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
        assert solution_names <= defined


def test_regenerating_gives_the_same_bytes(tmp_path):
    first = write_course(tmp_path, "same", ["softmax", "encoding"])
    written = {path: path.read_bytes() for path in first.changed}
    again = write_course(tmp_path, "same", ["softmax", "encoding"])
    assert len(written) == 4 and again.changed == []  # 2 notebooks, 2 config files
    assert {path: path.read_bytes() for path in written} == written


def test_source_notebook_holds_the_reference_and_its_release_the_stub(plans):
    """The notebook's code is the solutions module; nbgrader's stubbing of it is the stub in exercises/."""
    from nbgrader.preprocessors import ClearSolutions

    for plan in plans:
        reference = (SOLUTIONS / f"{plan.task.id}.py").read_text()
        assert same_code(notebook_module(plan.notebook), reference)
        student, _ = ClearSolutions(code_stub={"python": "# YOUR CODE HERE\nraise NotImplementedError()"}) \
            .preprocess(nbformat.from_dict(plan.notebook), {"metadata": {}})
        assert same_code(notebook_module(student), strip_solutions(reference))  # what `dlgrade sync` writes


def same_code(a: str, b: str) -> bool:
    """Same top-level statements (in any order), ignoring a module docstring, comments and blank lines."""
    def statements(source):
        tree = ast.parse(source)
        body = tree.body[1:] if ast.get_docstring(tree) is not None else tree.body
        return sorted(ast.dump(node) for node in body)
    return statements(a) == statements(b)


def test_notebook_module_keeps_student_cells_and_comments_out_magics():
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("%matplotlib inline\nimport numpy as np"),
        nbformat.v4.new_markdown_cell("text"),
        nbformat.v4.new_code_cell("def helper():\n    return 1"),
    ])
    module = notebook_module(notebook)
    assert "# %matplotlib inline" in module and "def helper" in module
    compile(module, "extracted", "exec")


def test_nbgrader_validate_passes_on_a_source_notebook(course):
    done = subprocess.run([sys.executable, "-m", "nbgrader", "validate",
                           str(Path("source") / "activations_softmax_losses" / "softmax.ipynb")],
                          cwd=course.course_dir, capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, PYTHONPATH=str(KIT)))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success! Your notebook passes all the tests." in done.stdout


# -- the course config -------------------------------------------------------------------------------
def load_course_config(course_dir: Path):
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader("nbgrader_config.py", path=str(course_dir)).load_config()


def test_course_config_handles_nbgraders_traps(course):
    source = course.course_dir / "source" / "activations_softmax_losses"
    (source / "data.csv").write_text("x,y\n")
    try:
        config = load_course_config(course.course_dir)
    finally:
        (source / "data.csv").unlink()
    assert "*.py" in config.CourseDirectory.ignore                             # #1237
    assert config.Autograde.exclude_overwriting == {"activations_softmax_losses": ["data.csv"]}  # #940
    longest = max(t.call_timeout for t in tasks.TASKS)
    assert config.Execute.timeout >= 2 * longest > 30                          # training runs
    assert any("simplefilter('ignore')" in a for a in config.Execute.extra_arguments)  # stderr
    names = [p.__name__ for p in config.GenerateFeedback.preprocessors]
    assert "ClearHiddenTests" in names and names[0] == "GetGrades"             # #917, #1363
    assert config.ClearSolutions.code_stub["python"] == "# YOUR CODE HERE\nraise NotImplementedError()"
    assert config.CourseDirectory.course_id == "unit"


def test_cell_timeout_is_twice_the_longest_call_and_at_least_five_minutes():
    assert cell_timeout([tasks.Task("a", "A", "x", call_timeout=10)]) == 300
    assert cell_timeout([tasks.Task("a", "A", "x", call_timeout=600)]) == 1200


def test_instructors_config_is_kept_and_needs_the_kits(tmp_path):
    write_course(tmp_path, "first", ["softmax"])
    config = tmp_path / "nbgrader_config.py"
    config.write_text(config.read_text() + "c.Exchange.root = '/srv/exchange'\n")
    write_course(tmp_path, "second", ["softmax"])
    assert "'first'" in config.read_text() and "/srv/exchange" in config.read_text()
    (tmp_path / KIT_CONFIG_NAME).unlink()
    with pytest.raises(FileNotFoundError, match="dlgrade nbgrader"):
        load_course_config(tmp_path)


# -- the in-kernel runner --------------------------------------------------------------------------
def namespace(source: str) -> dict:
    names: dict = {}
    exec(compile(source, "<notebook cell>", "exec"), names)
    return names


SOFTMAX = (SOLUTIONS / "softmax.py").read_text()
SOFTMAX_CHECKS = [f"public/test_softmax.py::test_{name}" for name in
                  ("course_notes_example_no_overflow", "rows_sum_to_one")] + ["hidden/test_softmax.py::test_matches_reference"]


def test_a_passing_check_returns_nothing_and_prints_one_line(capsys):
    for node_id in SOFTMAX_CHECKS:
        assert run_check(node_id, namespace(SOFTMAX)) is None
    out = capsys.readouterr()
    assert out.out.splitlines() == [f"passed: softmax / {n.split('::test_')[1]}" for n in SOFTMAX_CHECKS]
    assert out.err == ""


def test_a_failing_check_reads_as_in_the_cli(tmp_path):
    """Same status, message, smallest input and hint as `dlgrade grade` gives the same code."""
    variant = next(v for v in all_variants() if v.task == "softmax" and v.name == "no_max_shift")
    report = grade(make_submission(tmp_path / "sub", variant), ["softmax"])
    code = SOFTMAX + "\n\n" + variant.path.read_text()
    for check in report.tasks[0].checks:
        node_id = f"{check.tier}/test_softmax.py::test_{check.check}"
        if check.verdict.passed:
            assert run_check(node_id, namespace(code)) is None
            continue
        with pytest.raises(CheckNotPassed) as failed:
            run_check(node_id, namespace(code))
        assert failed.value.text == check_feedback(check)
        assert failed.value._render_traceback_() == check_feedback(check).splitlines()


def test_untouched_and_missing_functions():
    with pytest.raises(CheckNotPassed) as untouched:
        run_check(SOFTMAX_CHECKS[1], namespace((EXERCISES / "softmax.py").read_text()))
    assert untouched.value.status == "not attempted"
    with pytest.raises(CheckNotPassed) as missing:
        run_check(SOFTMAX_CHECKS[1], {})
    assert missing.value.status == "missing" and "`softmax` is missing from your notebook" in missing.value.text


def test_output_and_warnings_of_a_check_stay_off_the_cells_streams(capfd):
    noisy = SOFTMAX + ("\nimport os, sys, warnings\n_ref = softmax\n"
                       "def softmax(a):\n    warnings.warn('w')\n    print('e', file=sys.stderr)\n"
                       "    os.write(2, b'fd2')\n    os.write(1, b'fd1')\n    return _ref(a)\n")
    run_check(SOFTMAX_CHECKS[0], namespace(noisy))
    out = capfd.readouterr()
    assert out.err == "" and out.out == "passed: softmax / course_notes_example_no_overflow\n"


def test_a_notebooks_code_is_called_as_in_a_worker():
    """The worker's own request loop serves the notebook's globals: time limits, numpy's error mode,
    the student's errors with the line of their cell, missing names, reference helpers patched in."""
    names = namespace("def slow():\n    while True:\n        pass\n\n"
                      "def boom(x):\n    return 1 / x\n\n"
                      "def helper():\n    return 'student'\n\n"
                      "def uses_helper():\n    return helper()\n\n"
                      "class Box:\n    def get(self):\n        raise NotImplementedError()\n")
    worker = worker_for(names, "softmax")
    with pytest.raises(CallTimeout):
        worker.ensure_started().with_timeout(0.2).slow()
    assert all(t.name != "dlgrade-notebook-code" for t in _threads_after(0.5))  # the endless loop was stopped
    worker.reset_poison()
    student = worker.ensure_started()
    names["overflow"] = lambda x: np.exp(x)
    with warnings.catch_warnings():   # numpy's default: warn (in the thread that runs the notebook's code)
        warnings.simplefilter("ignore")
        assert student.overflow(1000.0) == np.inf
    with pytest.raises(NumpyWarning):
        student.with_numpy_errors().overflow(1000.0)
    with pytest.raises(StudentException) as err:
        student.boom(0)
    assert err.value.type_name == "ZeroDivisionError" and err.value.where == "in boom, line 6 of its cell"
    with pytest.raises(MissingName):
        _ = student.absent
    with pytest.raises(NotAttempted):
        student.Box().get()
    reference = type("Reference", (), {"helper": staticmethod(lambda: "reference")})
    assert student.with_reference(reference, "helper").uses_helper() == "reference"
    assert student.uses_helper() == "student" and names["helper"]() == "student"
    worker.stop()


def test_stopping_a_worker_ends_its_thread_and_raises_nothing_elsewhere(monkeypatch):
    """An idle loop ends on its closed socket and is not interrupted (an interrupt landing in a loop
    that is already ending surfaces in whatever finalizer it runs); one stuck in the notebook's code,
    even code that swallows the first interrupts, is interrupted until it ends."""
    unraised = []
    monkeypatch.setattr(sys, "unraisablehook", unraised.append)
    names = namespace("def echo(x):\n    return x\n\n"
                      "def stubborn():\n    for _ in range(3):\n        try:\n            while True:\n"
                      "                pass\n        except BaseException:\n            pass\n    while True:\n"
                      "        pass\n")
    for _ in range(20):
        worker = kernel.KernelWorker(names, "softmax")
        assert worker.ensure_started().echo(1) == 1
        thread = worker.thread
        worker.stop()
        assert not thread.is_alive()
    worker = kernel.KernelWorker(names, "softmax")
    with pytest.raises(CallTimeout):
        worker.ensure_started().with_timeout(0.2).stubborn()
    assert all(t.name != "dlgrade-notebook-code" for t in _threads_after(0.1))
    assert not unraised, [u.exc_value for u in unraised]


def _threads_after(seconds: float):
    import threading
    import time

    time.sleep(seconds)
    return threading.enumerate()


def test_values_cross_as_over_the_wire():
    """Student objects come back as proxies, arrays as copies, tensors as arrays, dicts as dicts."""
    names = namespace("import numpy as np\nfrom collections import OrderedDict\n\n"
                      "class Layer:\n    def __init__(self):\n        self.W = np.zeros(2)\n\n"
                      "def make():\n    return Layer()\n\n"
                      "def weights(layer):\n    return layer.W\n\n"
                      "def state():\n    return OrderedDict(a=np.ones(1))\n\n"
                      "def visit(layer, fn):\n    fn(layer)\n    return fn(np.arange(3))\n\n"
                      "def rebind(params):\n    params['w'] = params['w'] - 1\n\n"
                      "def kind_of_first(layers):\n    return type(layers[0]).__name__\n")
    worker = worker_for(names, "softmax")
    student = worker.ensure_started()
    layer = student.make()
    assert isinstance(layer, RemoteObject) and type_name(layer) == "Layer"
    weights = student.weights(layer)  # the student's own object goes back to it unwrapped
    weights[0] = 5.0
    assert layer.W[0] == 0.0
    assert student.kind_of_first([layer]) == "Layer"  # inside a container too
    assert type(student.state()) is dict
    params = {"w": np.ones(2)}
    with pytest.raises(InputChanged):  # a change to an argument is a failure, as after a worker's call
        student.rebind(params)
    assert params["w"].tolist() == [1.0, 1.0]
    student.with_in_place("params", 0).rebind(params)  # unless the check allows it
    assert params["w"].tolist() == [0.0, 0.0]
    seen = []
    assert student.visit(layer, lambda value: seen.append(value) or len(seen)) == 2
    assert type_name(seen[0]) == "Layer" and seen[1].tolist() == [0, 1, 2]
    assert worker_for(names, "softmax") is worker
    names["make"] = lambda: None  # a cell run again: a new version of the code, a new worker
    assert worker_for(names, "softmax") is not worker
    torch = pytest.importorskip("torch")
    names["tensor"] = lambda: torch.ones(2)
    assert isinstance(student.tensor(), np.ndarray)
    worker.stop()


def test_a_parametrized_check_runs_by_its_node_id(plans):
    """A check cell names its case; pytest finds the case's arguments, as under `dlgrade grade`."""
    plan, check = next((plan, c) for plan in plans if plan.task.id != "mlp" for c in plan.checks if "[" in c.name)
    cell = next(c for c in plan.notebook.cells if f"{check.node_id}'" in c.source)
    assert cell.source.endswith(f"run_check({check.node_id!r}, globals(), points={cell.metadata.nbgrader['points']!r})")
    reference = (SOLUTIONS / f"{plan.task.id}.py").read_text()
    assert run_check(check.node_id, namespace(reference)) is None


def test_quiet_restores_the_descriptors():
    before = [os.fstat(fd).st_ino for fd in (1, 2)]
    with quiet():
        assert os.fstat(2).st_ino == os.stat(os.devnull).st_ino
    assert [os.fstat(fd).st_ino for fd in (1, 2)] == before


def test_a_check_that_cannot_run_here_takes_the_share_the_cli_would_give(monkeypatch, capsys):
    """A skipped check (no GPU, no dataset) is left out of the task's score by `dlgrade grade`;
    in a notebook its cell gets its points times the fraction the checks that ran earned."""
    import graders.public.test_softmax as suite
    def test_needs_a_gpu(student):
        """Trains on the GPU."""
        pytest.skip("not run: this machine has no CUDA GPU")

    @pytest.mark.skipif(True, reason="not run: no dataset")
    def test_needs_data(student):
        """Reads a dataset."""

    monkeypatch.setattr(suite, "test_needs_a_gpu", test_needs_a_gpu, raising=False)
    monkeypatch.setattr(suite, "test_needs_data", test_needs_data, raising=False)
    monkeypatch.setattr(kernel, "_RESULTS", {})
    variant = (KIT / "tests" / "variants" / "softmax" / "no_max_shift.py").read_text()
    code = namespace(SOFTMAX + "\n\n" + variant)
    assert run_check("public/test_softmax.py::test_course_notes_example_small", code, points=1.0) is None
    with pytest.raises(CheckNotPassed):
        run_check("public/test_softmax.py::test_course_notes_example_no_overflow", code, points=3.0)
    gpu = run_check("public/test_softmax.py::test_needs_a_gpu", code, points=2.0)
    data = run_check("public/test_softmax.py::test_needs_data", code, points=2.0)
    assert gpu == data == pytest.approx(2.0 * 1.0 / 4.0)
    assert 1.0 + 0.0 + gpu + data == pytest.approx(8.0 * 1.0 / 4.0)  # points * earned / ran, as the CLI
    out = capsys.readouterr().out
    assert "NOT RUN: softmax / needs_a_gpu (Trains on the GPU.)" in out and "no CUDA GPU" in out


@pytest.fixture(scope="module")
def plan_by_task(plans):
    return {plan.task.id: plan for plan in plans}


@pytest.mark.slow
@pytest.mark.parametrize("task_id", [t.id for t in tasks.TASKS])
def test_in_a_notebooks_namespace_the_reference_passes_and_the_stub_scores_nothing(plan_by_task, task_id):
    """Every cell of every notebook run in order, as nbgrader runs them: each check cell passes on the
    reference (so it comes after every function it uses) and scores nothing on the stub."""
    if task_id not in plan_by_task:
        pytest.skip(f"no notebook for {task_id} here")
    cells = plan_by_task[task_id].notebook.cells
    for solved in (True, False):
        names: dict = {"__name__": "__main__"}
        for cell in cells:
            meta = cell.metadata.get("nbgrader", {})
            if cell.cell_type != "code":
                continue
            source = cell.source if solved or not meta.get("solution") else strip_solutions(cell.source)
            if not meta.get("grade") or meta.get("solution"):
                exec(compile(source, f"<{meta.get('grade_id', 'cell')}>", "exec"), names)
                continue
            try:
                exec(compile(source, f"<{meta['grade_id']}>", "exec"), names)
            except CheckNotPassed as failed:
                assert not solved, f"{meta['grade_id']}: {failed.text}"
                assert failed.status in ("not attempted", "missing"), failed.text
        if not solved:
            passed = [check for (where, _, check), (_, ok) in kernel._RESULTS.items() if where == id(names) and ok]
            assert not passed, f"checks passed on the untouched stub: {passed}"

def test_reading_notebooks_skips_jsonschemas_iri_checker():
    """The kit's notebook code keeps jsonschema from importing rfc3987_syntax, which builds 38 parsers at import
    (1.7 s of every `dlgrade nbgrader`, `extract` and notebook grade); notebooks are still validated."""
    code = ("import sys, graders.notebooks.generate, jsonschema, nbformat\n"
            "print(sys.modules.get('rfc3987_syntax') is None)\n"
            "bad = nbformat.v4.new_notebook(); bad.cells.append({'cell_type': 'code'})\n"
            "try:\n    nbformat.validate(bad)\nexcept nbformat.ValidationError:\n    print('invalid')\n"
            "nbformat.validate(nbformat.v4.new_notebook()); print('valid')")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["True", "invalid", "valid"], run.stdout + run.stderr
