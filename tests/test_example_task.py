"""docs/examples/batchnorm, the worked example of adding a task, works as its README says.

In a copy of the kit (its checkout's files), with the example's files in place and its task registered
by the README's own Task line and points block, the README's commands run in the copy: `dlgrade sync`
writes the stub, `dlgrade grade` gives the reference full marks and the stub 0, and the kit's own
tests/test_variants.py grades every variant as it declares (a buggy one fails the checks its CAUGHT_BY
names and passes those in PASSES; an ok_ one keeps full marks).
"""
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.kit import KIT, Variant, copy_of_the_checkout, gradescope_tasks

EXAMPLE = KIT / "docs" / "examples" / "batchnorm"
TASK = "batchnorm"


def readme_block(language: str) -> str:
    """The README's one ```language block."""
    (block,) = re.findall(rf"```{language}\n(.*?)```", (EXAMPLE / "README.md").read_text(encoding="utf-8"), re.S)
    return block


def kit_with_the_example(root: Path) -> Path:
    """A copy of the kit with the example's files in place and its task registered as the README says."""
    copy_of_the_checkout(root)
    for path in EXAMPLE.rglob("*.py"):
        (root / path.relative_to(EXAMPLE)).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, root / path.relative_to(EXAMPLE))
    tasks = root / "graders" / "tasks.py"
    source = tasks.read_text(encoding="utf-8")
    assert source.count("\n)\n\nBY_ID") == 1, "graders/tasks.py: TASKS no longer ends as this test expects"
    tasks.write_text(source.replace("\n)\n\nBY_ID", "\n" + readme_block("python") + ")\n\nBY_ID"), encoding="utf-8")
    points = root / "graders" / "points.toml"
    points.write_text(points.read_text(encoding="utf-8") + "\n" + readme_block("toml"), encoding="utf-8")
    return root


def in_the_copy(kit: Path, *args: str) -> subprocess.Popen:
    """``python ARGS`` in the copy, started: the current folder comes first on sys.path, so ``-m graders``
    and ``-m pytest``'s plugin are the copy's, not this checkout's."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONSAFEPATH")}
    return subprocess.Popen([sys.executable, *args], cwd=kit, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)


def finished(process: subprocess.Popen) -> str:
    output = process.communicate()[0]
    assert process.returncode == 0, output
    return output


def test_the_example_task_as_its_readme_says(tmp_path):
    kit = kit_with_the_example(tmp_path / "kit")
    assert "updated: batchnorm.py" in finished(in_the_copy(kit, "-m", "graders", "sync"))
    stub = (kit / "exercises" / "batchnorm.py").read_text(encoding="utf-8")
    assert "raise NotImplementedError()" in stub and "BEGIN SOLUTION" not in stub
    variants = [Variant(TASK, p) for p in (kit / "tests" / "variants" / TASK).glob("*.py")]
    assert sum(not v.correct for v in variants) >= 5 and sum(v.correct for v in variants) >= 2

    # the three at once: each mostly waits on its worker process
    grading = {folder: in_the_copy(kit, "-m", "graders", "grade", folder, "--tasks", TASK,
                                   "--json", str(tmp_path / f"{folder}.json"))
               for folder in ("solutions", "exercises")}
    variant_run = in_the_copy(kit, "-m", "pytest", "tests/test_variants.py", "-k", TASK, "-q")
    for folder, process in grading.items():
        finished(process)
        results = json.loads((tmp_path / f"{folder}.json").read_text(encoding="utf-8"))
        score, most = gradescope_tasks(results)[TASK]
        assert most > 0 and score == (most if folder == "solutions" else 0), results
    assert f"{len(variants)} passed" in finished(variant_run).splitlines()[-1]
