import os
import re
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")   # as the dlgrade command sets it: before numpy is imported
from graders.notebooks import keep_out_jsonschemas_iri_parsers

keep_out_jsonschemas_iri_parsers()   # the tests that read notebooks or validate JSON themselves
from graders.engine.runner import default_jobs, grade
from tests.kit import EXERCISES, SOLUTIONS, all_variants, make_submission, shared


@pytest.fixture(scope="session")
def reference_report(tmp_path_factory):
    """The reference solutions graded on every task (public + hidden), once per test run."""
    return shared(tmp_path_factory, "reference-report", lambda: grade(SOLUTIONS, jobs=default_jobs()))


@pytest.fixture(scope="session")
def stub_report(tmp_path_factory):
    """The untouched stubs graded on every task, once per test run."""
    return shared(tmp_path_factory, "stub-report", lambda: grade(EXERCISES, jobs=default_jobs()))


@pytest.fixture(autouse=True, scope="session")
def state_folder_of_the_run(tmp_path_factory):
    """Class runs keep their ledger key in the user's state folder: the kit's tests use one of their own,
    the same for every pytest-xdist worker (a class graded on one is exported on another)."""
    root = tmp_path_factory.getbasetemp()
    state = (root.parent if os.environ.get("PYTEST_XDIST_WORKER") else root) / "state"
    state.mkdir(exist_ok=True)
    os.environ["XDG_STATE_HOME"] = str(state)


@pytest.fixture(scope="session")
def graded_class(tmp_path_factory) -> Path:
    """A class graded on softmax and encoding, once per test run (the gradebook and page tests read it):
    alice, the reference; bob, a buggy softmax and the stub of encoding; carol, an encoding.py that
    does not load; dave, not a submission (could not be graded)."""
    def make() -> Path:
        from graders.classroom.grading import grade_class

        root = tmp_path_factory.mktemp("class")
        make_submission(root / "alice")
        make_submission(root / "bob", next(v for v in all_variants() if v.task == "softmax" and not v.correct))
        shutil.copy(EXERCISES / "encoding.py", root / "bob" / "encoding.py")
        make_submission(root / "carol")
        (root / "carol" / "encoding.py").write_text("def one_hot(:\n")
        (root / "dave.zip").write_bytes(b"not a zip file")
        out = tmp_path_factory.mktemp("graded-class")
        grade_class(root, out, task_ids=["softmax", "encoding"], workers=2, max_call_timeout=2)
        return out
    return shared(tmp_path_factory, "graded-class", make)


# -- which tests share a pytest-xdist worker -----------------------------------------------------

#: Tests that run on one worker under ``--dist loadgroup``, by node id (regular expressions, from
#: the start): those that share a fixture ``tests.kit.shared`` makes once per run (on another
#: worker they would wait for it, a core idle), and the longest docs walk, on a worker of its own.
#: Kept here, not as ``xdist_group`` marks: pytest-xdist hands a mark's group to its scheduler inside
#: the node id, which pytest 9.2 no longer lets it change (pytest-xdist#1386), so with the newest
#: pytest the marks were silently ignored.
WORKER_GROUPS = {
    "reference": [r"tests/test_points\.py::", r"tests/test_reference_and_stubs\.py::",
                  r"tests/test_results\.py::test_a_grade_reads_back",
                  r"tests/test_gradebooks\.py::test_the_reference_",
                  r"tests/test_variants\.py::test_every_check_is_caught_by_a_buggy_variant$"],
    "docs": [r"tests/test_docs\.py::test_(readme|authoring_guide|data_readme)_as_written$"],
    "docs-instructors": [r"tests/test_docs\.py::test_instructors_guide_as_written$"],
    "hostile-bwrap": [r"tests/test_hostile\.py::\w+\[bwrap[]-]"],
    "hostile-none": [r"tests/test_hostile\.py::\w+\[none[]-]"],
    "nbgrader": [r"tests/test_nbgrader_roundtrip\.py::"],
    "broken-modules": [r"tests/test_broken_modules\.py::"],
    "gpu": [r"tests/test_gpu\.py::"],
}


def worker_group(nodeid: str) -> str | None:
    """The group of WORKER_GROUPS a test belongs to, if any."""
    for group, patterns in WORKER_GROUPS.items():
        if any(re.match(pattern, nodeid) for pattern in patterns):
            return group
    return None


@pytest.hookimpl(optionalhook=True, tryfirst=True)
def pytest_xdist_make_scheduler(config, log):
    """Under ``--dist loadgroup``: each group of WORKER_GROUPS is one unit of work, every other
    test a unit of its own (as pytest-xdist's loadgroup does with its marks)."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ByWorkerGroup(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return worker_group(nodeid) or nodeid

    return ByWorkerGroup(config, log)
