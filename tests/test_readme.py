"""CI runs exactly the commands README.md gives a new user (tests/test_docs.py runs the others)."""
import re

from tests.kit import KIT
from tests.test_docs import bash_blocks


def readme_commands() -> list[str]:
    text = (KIT / "README.md").read_text()
    quick_start = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return bash_blocks(quick_start)


def runs(line: str, command: str) -> bool:
    """``line`` of .ci/run runs ``command`` as written (nothing added but `|| ...` after it)."""
    line = line.strip()
    return line == command or line.startswith(command + " ||")


def test_ci_runs_readme_setup_then_tests():
    setup, tests = readme_commands()[:2]
    lines = (KIT / ".ci" / "run").read_text().splitlines()
    setup_at = [i for i, line in enumerate(lines) if runs(line, setup)]
    tests_at = [i for i, line in enumerate(lines) if runs(line, tests)]
    assert setup_at and tests_at, "README's set-up or test command is not a line of .ci/run as written"
    assert setup_at[0] < tests_at[-1]


def test_ci_tests_fresh_installs_newest_and_oldest():
    """.ci/run installs into fresh virtual environments: PyTorch's CPU build before README's set-up
    (the newest versions pyproject.toml allows), and, in a venv of its own, every direct dependency
    at its lower bound."""
    import subprocess
    import sys

    setup = readme_commands()[0]
    ci = (KIT / ".ci" / "run").read_text()
    assert "-m venv" in ci
    assert ci.index("pip install -q torch==2.13.0") < ci.index(setup)
    assert "lowest_pins.py test >" in ci
    pins = subprocess.run([sys.executable, str(KIT / ".ci" / "lowest_pins.py"), "test", "torch", "nbgrader"],
                          capture_output=True, text=True, check=True).stdout.split()
    names = {pin.split("==")[0] for pin in pins}
    assert {"numpy", "pytest", "hypothesis", "torch", "nbgrader", "pytest-xdist"} <= names, pins


def test_ci_exit_trap_keeps_a_passing_run_passing():
    """The clean-up trap runs after every job has been waited for; under `set -e` a failing command
    in it (`kill` with no job left exits 2) would fail a run whose every step passed."""
    import subprocess

    ci = (KIT / ".ci" / "run").read_text()
    trap = next(line for line in ci.splitlines() if line.startswith("trap "))
    script = f'set -euo pipefail\nVENVS="$(mktemp -d)"\n{trap}\n(true) &\nwait $!\necho steps-passed\n'
    run = subprocess.run(["bash", "-c", script], capture_output=True, text=True)
    assert (run.returncode, run.stdout.strip()) == (0, "steps-passed"), run


def test_loadgroup_runs_each_worker_group_on_one_worker():
    """README's test command, `pytest -n auto --dist loadgroup`: every group of tests/conftest.py's
    WORKER_GROUPS (tests sharing a fixture made once per run) runs on one worker, whichever pytest
    is installed, and every pattern there names tests that exist (or a module skipped here)."""
    import pytest

    from tests.conftest import WORKER_GROUPS, worker_group

    class Workers:
        def __init__(self):
            self.of, self.skipped_modules = {}, set()

        def pytest_runtest_logreport(self, report):
            self.of[report.nodeid] = report.node.gateway.id   # pytest-xdist: the worker that ran it

        def pytest_collectreport(self, report):
            if report.skipped:   # e.g. the nbgrader round trip where nbgrader is not installed
                self.skipped_modules.add(report.nodeid)

    def module(pattern: str) -> str:
        return pattern.split("::")[0].replace("\\.", ".")

    workers = Workers()
    # --setup-plan: every test scheduled and reported, no fixture or test run; of the modules the groups name
    # (the others hold no group, and collecting them twice more would cost a core 10 s).
    modules = sorted({module(pattern) for patterns in WORKER_GROUPS.values() for pattern in patterns})
    status = pytest.main(["-n", "2", "--dist", "loadgroup", "--setup-plan", "-q", "-p", "no:cacheprovider",
                          f"--rootdir={KIT}", *(str(KIT / m) for m in modules)], plugins=[workers])
    assert status == pytest.ExitCode.OK, status
    for group, patterns in WORKER_GROUPS.items():
        ran = {nodeid: worker for nodeid, worker in workers.of.items() if worker_group(nodeid) == group}
        assert len(set(ran.values())) <= 1, f"{group} ran on several workers: {ran}"
        for pattern in patterns:
            assert any(re.match(pattern, nodeid) for nodeid in ran) or module(pattern) in workers.skipped_modules, (
                f"WORKER_GROUPS[{group!r}]: {pattern} matches no test")
