"""Benchmark (not a test): grade a generated class with 1 and with 2 workers; seconds per submission and speed-up.

    python benchmarks/bench_class.py                       # N = 50, every numpy task, 1 and 2 workers
    python benchmarks/bench_class.py -n 20 --tasks softmax,gates --workers 1,2,4

The class is generated from the reference, deterministically (``--seed``): about half
the submissions are correct, a quarter carry one known bug (tests/variants), a tenth
are untouched stubs and the rest are hostile (tests/hostile: endless loops, crashes,
forks, floods, escapes). Each worker count grades the same class into a fresh output
folder (nothing reused), so the runs do the same work; their grades.csv must match.
The mlp task is left out by default: it trains networks, which says nothing about the
grading engine. Timings on a shared machine vary; compare the ratios of one run.
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graders import tasks  # noqa: E402
from graders.classroom.grading import grade_class  # noqa: E402
from graders.engine import sandbox
from graders.engine.runner import suite_files  # noqa: E402
from tests.hostile import all_cases  # noqa: E402
from tests.kit import EXERCISES, all_variants, make_submission  # noqa: E402

MIX = (("correct", 0.5), ("buggy", 0.25), ("stub", 0.1), ("hostile", 0.15))


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=50, help="submissions in the class (default 50)")
    parser.add_argument("--tasks", default=None, help="comma-separated task ids (default: every task but mlp)")
    parser.add_argument("--workers", default="1,2", help="worker counts to compare (default 1,2)")
    parser.add_argument("--max-call-timeout", type=float, default=2.0,
                        help="cap on every time limit, so hostile hangs cost seconds (default 2)")
    parser.add_argument("--seed", type=int, default=0)
    return parser.parse_args(argv)


def default_tasks() -> list[str]:
    return [t.id for t in tasks.TASKS if t.id != "mlp" and suite_files([t.id], ("public", "hidden"))]


def generate_class(folder: Path, n: int, task_ids: list[str], seed: int) -> dict[str, int]:
    """``n`` submissions in ``folder``; how many of each kind."""
    rng = random.Random(seed)
    variants = [v for v in all_variants() if v.task in task_ids and not v.correct]
    hostile = [c for c in all_cases() if c.task in task_ids]
    kinds = [kind for kind, share in MIX for _ in range(round(share * n))][:n]
    kinds += ["correct"] * (n - len(kinds))
    rng.shuffle(kinds)
    for i, kind in enumerate(kinds):
        target = folder / f"student{i:03d}"
        if kind == "buggy" and variants:
            make_submission(target, rng.choice(variants))
        elif kind == "hostile" and hostile:
            make_submission(target, rng.choice(hostile))
        elif kind == "stub":
            make_submission(target, base=EXERCISES)
        else:
            make_submission(target)
    return {kind: kinds.count(kind) for kind, _ in MIX}


def main(argv=None) -> int:
    args = parse_args(argv)
    task_ids = args.tasks.split(",") if args.tasks else default_tasks()
    worker_counts = [int(w) for w in args.workers.split(",")]
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}; python {platform.python_version()}")
    print(f"sandbox: {sandbox.describe()}")
    print(f"tasks ({len(task_ids)}): {', '.join(task_ids)}; time limit cap {args.max_call_timeout:g} s")
    with tempfile.TemporaryDirectory(prefix="dlgrade-bench-") as tmp:
        class_dir = Path(tmp, "class")
        mix = generate_class(class_dir, args.n, task_ids, args.seed)
        print(f"class: {args.n} submissions: " + ", ".join(f"{count} {kind}" for kind, count in mix.items()))
        seconds, csvs = {}, {}
        for workers in worker_counts:
            out = Path(tmp, f"out-{workers}")
            start = time.perf_counter()
            outcomes = grade_class(class_dir, out, task_ids=task_ids, workers=workers,
                                   max_call_timeout=args.max_call_timeout)
            seconds[workers] = time.perf_counter() - start
            csvs[workers] = (out / "grades.csv").read_text()
            failed = sum(o.state == "failed" for o in outcomes)
            print(f"workers={workers}: {seconds[workers]:.1f} s, {seconds[workers] / args.n:.2f} s per submission"
                  f"{f', {failed} could not be graded' if failed else ''}   "
                  f"(load average now {os.getloadavg()[0]:.1f})")
            shutil.rmtree(out / "students")
    base = worker_counts[0]
    for workers in worker_counts[1:]:
        print(f"speed-up {base} -> {workers} workers: {seconds[base] / seconds[workers]:.2f}x")
    same = len(set(csvs.values())) == 1
    print(f"grades.csv identical across runs: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
