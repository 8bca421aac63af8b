"""CI runs exactly the commands README.md gives a new user."""
import re

from tests.kit import KIT


def readme_commands() -> list[str]:
    text = (KIT / "README.md").read_text()
    quick_start = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", quick_start, flags=re.S)


def test_ci_runs_readme_setup_then_tests():
    setup, tests = readme_commands()[:2]
    ci = (KIT / ".ci" / "run").read_text()
    assert setup in ci and tests in ci
    assert ci.index(setup) < ci.index(tests)
