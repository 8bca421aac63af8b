"""Makes ``pytest graders/public -m softmax --submission exercises`` work on its own."""
from graders.plugin import (  # noqa: F401  (pytest finds hooks and fixtures by name here)
    artifacts,
    grading_settings,
    task_settings,
    pytest_addoption,
    pytest_collection_modifyitems,
    pytest_configure,
    pytest_runtest_call,
    pytest_runtest_makereport,
    pytest_unconfigure,
    reference,
    student,
)
