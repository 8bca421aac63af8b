"""exercises/ is generated from solutions/ and must never drift from it."""
import pytest

from graders.authoring.sync import MarkerError, solution_body, stale_files, strip_solutions
from tests.kit import EXERCISES, SOLUTIONS


def test_exercises_are_in_sync_with_solutions():
    assert stale_files(SOLUTIONS, EXERCISES) == [], "run `dlgrade sync` and commit exercises/"


def test_every_solution_module_has_solution_regions():
    for module in SOLUTIONS.glob("*.py"):
        if module.name != "__init__.py":
            assert solution_body(module.read_text()), f"{module.name} has no solution region"


def test_no_stub_contains_a_solution_body():
    for module in SOLUTIONS.glob("*.py"):
        stub = (EXERCISES / module.name).read_text() if (EXERCISES / module.name).exists() else ""
        for body in solution_body(module.read_text()):
            assert body.strip() not in stub


SOURCE = '''def f(x):
    """Doc."""
    ### BEGIN SOLUTION
    return x + 1
    ### END SOLUTION


class A:
    def g(self):
        ### BEGIN SOLUTION
        return 2
        ### END SOLUTION
'''


def test_strip_replaces_each_region_with_the_nbgrader_stub_at_its_indent():
    out = strip_solutions(SOURCE)
    assert "return x + 1" not in out and "return 2" not in out
    assert '    """Doc."""\n    # YOUR CODE HERE\n    raise NotImplementedError()\n' in out
    assert "        # YOUR CODE HERE\n        raise NotImplementedError()\n" in out
    compile(out, "stub", "exec")


@pytest.mark.parametrize("broken, message", [
    ("def f():\n    ### BEGIN SOLUTION\n    pass\n", "never closed"),
    ("def f():\n    pass\n    ### END SOLUTION\n", "without BEGIN"),
    ("### BEGIN SOLUTION\nx = 1\n### END SOLUTION\n", "inside a function"),
    ("def f():\n    ### BEGIN SOLUTION\n    ### BEGIN SOLUTION\n", "inside the region"),
])
def test_malformed_markers_are_reported_with_their_line(broken, message):
    with pytest.raises(MarkerError, match=message):
        strip_solutions(broken, "m.py")


def test_sync_check_names_a_stale_record_and_the_checks_it_cannot_record(monkeypatch):
    """`dlgrade sync --check` fails on a recorded-examples file that differs from what grading the reference draws."""
    from click.testing import CliRunner

    from graders.authoring import commands, examples
    from graders.kit import GRADERS

    softmax = GRADERS / "public" / "test_softmax.py"
    drawn = examples.Drawn({softmax: b"not what is there"}, ["test_softmax.py::test_some_check"])
    monkeypatch.setattr(examples, "draw", lambda task_ids=None: drawn)
    result = CliRunner().invoke(commands.sync, ["--check", "--solutions", str(SOLUTIONS), "--exercises", str(EXERCISES)])
    assert result.exit_code == 1, result.output
    assert "graders/public/examples/softmax.examples" in result.output and "run `dlgrade sync`" in result.output
    assert "test_softmax.py::test_some_check" in result.output
    monkeypatch.setattr(examples, "draw", lambda task_ids=None: examples.Drawn({}, []))
    assert CliRunner().invoke(commands.sync, ["--check", "--solutions", str(SOLUTIONS),
                                              "--exercises", str(EXERCISES)]).exit_code == 0
