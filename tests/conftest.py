import pytest

from graders.runner import grade
from tests.kit import EXERCISES, SOLUTIONS, shared


@pytest.fixture(scope="session")
def reference_report(tmp_path_factory):
    """The reference solutions graded on every task (public + hidden), once per test run."""
    return shared(tmp_path_factory, "reference-report", lambda: grade(SOLUTIONS))


@pytest.fixture(scope="session")
def stub_report(tmp_path_factory):
    """The untouched stubs graded on every task, once per test run."""
    return shared(tmp_path_factory, "stub-report", lambda: grade(EXERCISES))
