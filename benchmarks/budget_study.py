"""Study (not a test): how many examples each check needs to catch the buggy variants that name it.

    python benchmarks/budget_study.py                    # every numpy task
    python benchmarks/budget_study.py --tasks softmax,losses

For every buggy variant, its task is graded on the checks its CAUGHT_BY names, without
shrinking (as tests/test_variants.py does), counting the examples each check ran before it
failed (the failing one included; hypothesis replays it once more at the end, not counted).
Printed per check function: its example budget (the profile's unless the check sets one),
how many variants it catches, the most examples any of them needed, and how many examples the
reference runs through it. A check whose variants all fall within a few examples of a large
budget is where a smaller budget, with the edge cases written as explicit examples, would cost
the least power (issue 12 warns that halving every budget let 4 of 156 variants escape).
"""
from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

KIT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(KIT))

from graders import tasks  # noqa: E402
from graders.engine import replay  # noqa: E402
from graders.engine import feedback, plugin  # noqa: E402
from graders.engine.runner import grade  # noqa: E402
from graders.kit import GRADERS  # noqa: E402
from tests.kit import SOLUTIONS, all_variants, make_submission  # noqa: E402


class CountingRecord(feedback.ExampleRecord):
    """An example record that also counts the examples it saw."""

    def __init__(self):
        self.calls = 0
        super().__init__()

    @property
    def arguments(self):
        return self._arguments

    @arguments.setter
    def arguments(self, value):
        self.calls += value is not None
        self._arguments = value


def check_function_name(function) -> str:
    """The name a suite gives a check (a row's check is made in graders.testing.agreement, not there)."""
    for module in list(sys.modules.values()):
        if str(getattr(module, "__file__", "")).startswith(str(GRADERS)) and "test_" in str(module.__file__):
            for name, value in vars(module).items():
                if value is function and name.startswith("test_"):
                    return name.removeprefix("test_")
    return getattr(function, "__name__", "?").removeprefix("test_")


def counted_grade(submission: Path, task_id: str, checks) -> tuple[dict[str, int], set[str]]:
    """(examples run per check function, the checks that did not pass)."""
    seen: dict[str, int] = defaultdict(int)
    real = plugin.recording_examples

    @contextlib.contextmanager
    def counting(test_function, hidden=()):
        with real(test_function, hidden) as record:
            yield record
        name = check_function_name(test_function)
        seen[name] = max(seen[name], record.calls)

    feedback.ExampleRecord, plugin.recording_examples = CountingRecord, counting
    report = grade(submission, [task_id], shrink=False, checks=checks)
    failed = {c.check.split("[")[0] for c in report.tasks[0].checks if not c.verdict.passed}
    return dict(seen), failed


def study(job) -> tuple[str, str, dict[str, int], set[str]]:
    label, task_id, variant, max_examples = job
    if max_examples:   # the profile's budget: the checks that set none get this one
        from hypothesis import settings

        for name in ("dlgrade", "dlgrade-no-shrink"):
            settings.register_profile(name, settings.get_profile(name), max_examples=max_examples)
    with tempfile.TemporaryDirectory() as folder:
        submission = make_submission(Path(folder) / "sub", variant, base=SOLUTIONS)
        checks = set(variant.names("CAUGHT_BY")) if variant else None
        seen, failed = counted_grade(submission, task_id, checks)
    return label, task_id, seen, failed


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", default=None, help="comma-separated task ids (default: every numpy task)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--max-examples", type=int, default=None,
                        help="try this budget for the checks that set none (the profile's 10): which variants escape")
    args = parser.parse_args(argv)
    # What hypothesis itself draws: a replayed record (graders/engine/replay.py) would count its calls too.
    os.environ[replay.ENV] = "0"
    task_ids = args.tasks.split(",") if args.tasks else [t.id for t in tasks.TASKS if not t.requires]
    jobs = [(f"reference/{t}", t, None, args.max_examples) for t in task_ids]
    jobs += [(str(v), v.task, v, args.max_examples) for v in all_variants() if v.task in task_ids and not v.correct]
    variants = {str(v): v for v in all_variants()}
    escaped = []
    needed: dict[tuple[str, str], list[int]] = defaultdict(list)
    reference: dict[tuple[str, str], int] = {}
    with ProcessPoolExecutor(args.jobs) as pool:
        for label, task_id, seen, failed in pool.map(study, jobs):
            if label in variants:
                escaped += [f"{label} passes {name}" for name in variants[label].names("CAUGHT_BY")
                            if name not in failed and name.split("[")[0] not in failed]
            for name, calls in seen.items():
                if label.startswith("reference/"):
                    reference[task_id, name] = calls
                elif name in failed or any(f.startswith(name) for f in failed):
                    needed[task_id, name].append(calls)
    print(f"{'check':<58}{'ref':>5}{'caught':>8}{'most':>6}  examples needed, by variant")
    for key in sorted(reference):
        counts = sorted(needed.get(key, []))
        most = max(counts) if counts else 0
        print(f"{key[0] + '/' + key[1]:<58}{reference[key]:>5}{len(counts):>8}{most:>6}  {counts}")
    total = sum(reference.values())
    print(f"the reference runs {total} examples through {len(reference)} check functions")
    print(f"variants that escape a check their CAUGHT_BY names: {len(escaped)}" + "".join(f"\n  {e}" for e in escaped))


if __name__ == "__main__":
    main()
