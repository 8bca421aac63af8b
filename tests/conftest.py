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


@pytest.fixture(autouse=True, scope="session")
def state_folder_of_the_run(tmp_path_factory):
    """Class runs keep their ledger key in the user's state folder: the kit's tests use one of their own."""
    import os

    os.environ["XDG_STATE_HOME"] = str(tmp_path_factory.mktemp("state"))
