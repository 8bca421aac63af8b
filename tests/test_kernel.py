"""A notebook's check cells and `dlgrade grade` give the same verdicts: the same suites run through the
same plugin, only the transport differs (a worker process, or the worker's request loop serving a
kernel's namespace from a thread, see graders.engine.kernel)."""
import functools
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from graders import tasks
from graders.engine import kernel, runner
from graders.engine.plugin import TIERS, GradingSettings
from tests.kit import EXERCISES, all_variants, make_submission

NUMPY_TASKS = [task.id for task in tasks.TASKS if not task.requires]


def samples():
    """Per numpy task: the untouched stub and its first buggy variant. (The reference passes every check
    both ways: tests/test_reference_and_stubs.py grades it by worker, tests/test_notebooks.py by kernel.)"""
    for task_id in NUMPY_TASKS:
        buggy = sorted((v for v in all_variants() if v.task == task_id and not v.correct), key=lambda v: v.name)
        for name, variant in [("stub", None)] + [(v.name, v) for v in buggy[:1]]:
            yield pytest.param(task_id, name, variant, id=f"{task_id}-{name}")


def where_left_out(message: str) -> str:
    """A worker says where in the file the student's code raised ("softmax.py, line 3, in softmax"),
    a kernel where in the cell ("in softmax, line 3 of its cell"): the rest must be the same."""
    return re.sub(r" \((?:[\w.]+\.py, line \d+, in \w+|in \w+, line \d+ of its cell)\)", "", message)


@pytest.mark.parametrize("task_id, name, variant", list(samples()))
def test_a_kernel_namespace_grades_as_a_worker_process(task_id, name, variant, tmp_path):
    base = EXERCISES if name == "stub" else None
    submission = make_submission(tmp_path / "sub", variant, **({"base": base} if base else {}))
    files = runner.suite_files([task_id], TIERS)
    by_worker = runner.run_suites(files, GradingSettings(submission, shrink=False))
    namespace = {"__name__": task_id}
    source = submission / f"{task_id}.py"
    exec(compile(source.read_text(), str(source), "exec"), namespace)
    by_kernel = runner.run_suites(files, GradingSettings(
        submission, shrink=False, new_worker=functools.partial(kernel.worker_for, namespace)))
    assert by_worker.results.keys() == by_kernel.results.keys() and by_worker.results
    for node_id, (check, verdict) in by_worker.results.items():
        check_k, verdict_k = by_kernel.results[node_id]
        assert check_k == check, node_id
        assert (verdict_k.status, verdict_k.hint, verdict_k.example) == (verdict.status, verdict.hint,
                                                                         verdict.example), node_id
        assert where_left_out(verdict_k.message) == where_left_out(verdict.message), node_id


def test_a_kernel_keeps_hypothesis_out_of_the_notebooks_folder_and_leaves_no_folder_behind(tmp_path):
    """hypothesis's home is a folder of the kernel's own in the temporary folder, removed when the kernel exits
    (one was left behind per kernel: hundreds a day in /tmp)."""
    code = ("import glob, os, tempfile\n"
            "from graders.engine import kernel\n"
            "kernel._hypothesis_home_outside_the_notebooks_folder()\n"
            "print(*glob.glob(os.path.join(tempfile.gettempdir(), 'dlgrade-hypothesis-*')))\n")
    env = {**{k: v for k, v in os.environ.items() if k != "HYPOTHESIS_STORAGE_DIRECTORY"}, "TMPDIR": str(tmp_path)}
    homes = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                           check=True).stdout.split()
    assert len(homes) == 1 and Path(homes[0]).parent == tmp_path
    assert not list(tmp_path.glob("dlgrade-hypothesis-*")) and not (tmp_path / ".hypothesis").exists()
