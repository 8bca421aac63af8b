import pytest

from graders.runner import grade
from tests.kit import EXERCISES, SOLUTIONS


@pytest.fixture(scope="session")
def reference_report():
    """The reference solutions graded on every task (public + hidden)."""
    return grade(SOLUTIONS)


@pytest.fixture(scope="session")
def stub_report():
    """The untouched stubs graded on every task."""
    return grade(EXERCISES)
