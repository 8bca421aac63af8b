"""Every check's verdict on the reference, the stubs and every variant, as JSON (a script, not a test).

    python -m tests.verdicts OUT.json [--tasks softmax,gates] [--jobs 2]

Run it on two versions of the kit and compare the files (``cmp``, ``diff``): a change to the engine
that keeps every verdict (status, message, hint, failing example) writes the same bytes. The
reference is graded on its task, a stub or a variant on its task; failing examples are not shrunk
(the same verdicts, sooner) and every time limit is capped at 2 s.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import tempfile
from pathlib import Path

from tests.kit import EXERCISES, SOLUTIONS, all_variants, make_submission

try:
    from graders.engine.runner import grade
except ImportError:   # the kit before its engine had a folder of its own
    from graders.runner import grade


def submissions(tasks: list[str] | None) -> list[tuple[str, str, str]]:
    """(label, task, variant path or '' for the reference, 'stub' for the stub)."""
    from graders import tasks as kit_tasks

    ids = tasks or [t.id for t in kit_tasks.TASKS]
    found = [(f"reference/{t}", t, "") for t in ids] + [(f"stub/{t}", t, "stub") for t in ids]
    return found + [(str(v), v.task, str(v.path)) for v in all_variants() if v.task in ids]


def verdicts(job: tuple[str, str, str]) -> tuple[str, dict]:
    label, task, variant = job
    with tempfile.TemporaryDirectory() as folder:
        chosen = next((v for v in all_variants() if str(v.path) == variant), None)
        base = EXERCISES if variant == "stub" else SOLUTIONS
        submission = make_submission(Path(folder) / "sub", chosen, base=base)
        report = grade(submission, [task], shrink=False, max_call_timeout=2.0)
    (result,) = report.tasks
    checks = {c.check: [str(c.verdict.status), c.verdict.message, c.verdict.hint, c.verdict.example]
              for c in result.checks}
    return label, {"points": result.points, "not_graded": result.not_graded, "checks": checks}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--tasks", default=None, help="comma-separated task ids (default: all)")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    jobs = submissions(args.tasks.split(",") if args.tasks else None)
    with multiprocessing.get_context("fork").Pool(args.jobs, maxtasksperchild=20) as pool:
        found = dict(pool.imap_unordered(verdicts, jobs))
    args.out.write_text(json.dumps(dict(sorted(found.items())), indent=1, sort_keys=True) + "\n")
    print(f"{len(found)} submissions, {sum(len(v['checks']) for v in found.values())} verdicts -> {args.out}")


if __name__ == "__main__":
    main()
