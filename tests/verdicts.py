"""Every check's verdict on the reference, the stubs and every variant, as JSON (a script, not a test).

    python -m tests.verdicts OUT.json [--tasks softmax,gates] [--jobs 2]

Run it on two versions of the kit and compare the files (``cmp``, ``diff``): a change to the engine
that keeps every verdict (status, message, hint, failing example) writes the same bytes. The
reference is graded on its task, a stub or a variant on its task; failing examples are not shrunk
(the same verdicts, sooner) and every time limit is capped at ``--max-call-timeout`` seconds
(2: a hang costs 2 s; give a larger cap, or 0 for none, to the mlp task, which trains for longer).
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from tests.kit import EXERCISES, SOLUTIONS, Variant, all_variants, make_submission

try:   # the kit before its engine had a folder of its own (an editable install may map graders.engine)
    from graders.runner import grade
except ImportError:
    from graders.engine.runner import grade


def submissions(tasks: list[str] | None) -> list[tuple[str, str, Variant | None, Path]]:
    """(label, task, variant or None, the modules it is made from: the references or the stubs)."""
    from graders import tasks as kit_tasks

    ids = tasks or [t.id for t in kit_tasks.TASKS]
    found = [(f"reference/{t}", t, None, SOLUTIONS) for t in ids] + [(f"stub/{t}", t, None, EXERCISES) for t in ids]
    return found + [(str(v), v.task, v, SOLUTIONS) for v in all_variants() if v.task in ids]


def verdicts(job: tuple[str, str, Variant | None, Path, float | None]) -> tuple[str, dict]:
    label, task, variant, base, cap = job
    with tempfile.TemporaryDirectory() as folder:
        submission = make_submission(Path(folder) / "sub", variant, base=base)
        report = grade(submission, [task], shrink=False, max_call_timeout=cap)
    (result,) = report.tasks
    checks = {c.check: [str(c.verdict.status), c.verdict.message, c.verdict.hint, c.verdict.example]
              for c in result.checks}
    return label, {"points": result.points, "not_graded": result.not_graded, "checks": checks}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--tasks", default=None, help="comma-separated task ids (default: all)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--max-call-timeout", type=float, default=2.0)
    args = parser.parse_args(argv)
    cap = args.max_call_timeout or None
    jobs = [(*job, cap) for job in submissions(args.tasks.split(",") if args.tasks else None)]
    if args.jobs == 1:
        found = dict(map(verdicts, jobs))
    else:   # a worker that dies stops the run (BrokenProcessPool) instead of leaving it waiting
        with ProcessPoolExecutor(args.jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            found = dict(pool.map(verdicts, jobs))
    args.out.write_text(json.dumps(dict(sorted(found.items())), indent=1, sort_keys=True) + "\n")
    print(f"{len(found)} submissions, {sum(len(v['checks']) for v in found.values())} verdicts -> {args.out}")


if __name__ == "__main__":
    main()
