"""Benchmark (not a test): grade every hostile case and report what it cost the grading machine.

    python benchmarks/bench_hostile.py                   # every case, the sandbox mode DLGRADE_SANDBOX gives
    python benchmarks/bench_hostile.py --mode none       # process isolation only
    python benchmarks/bench_hostile.py --cases huge_frame,fork_child --max-call-timeout 2

Each case (tests/hostile/<task>/, forgery/<task>/ and callbacks/<task>/: a file appended to the
reference module of its task) is graded on its own task by a grader process of its own, as
``grade-class`` does (``python -m graders.classroom.grading``). While it runs, the whole process tree under
that grader (the grader, bubblewrap, the worker and anything the student's code started) is
sampled every 20 ms from /proc: the peak of its summed resident memory and the most processes at
once. Prints one row per case (score, status, peak tree memory, processes, seconds) and the
reference's row as the baseline. Linux only (it reads /proc).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graders.engine import sandbox  # noqa: E402
from tests.hostile import CALLBACKS, FORGERY, HOSTILE, TREE  # noqa: E402
from tests.hostile import all_cases as class_corpus  # noqa: E402
from tests.kit import KIT, Variant, make_submission  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE")
SAMPLE_S = 0.02


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=("auto", "bwrap", "none"), default=None,
                        help="sandbox mode (default: DLGRADE_SANDBOX, else auto)")
    parser.add_argument("--cases", default=None, help="comma-separated case names (default: every case)")
    parser.add_argument("--max-call-timeout", type=float, default=1.0,
                        help="cap on every time limit, as the hostile tests use (default 1)")
    return parser.parse_args(argv)


def all_cases() -> list[Variant]:
    """Every hostile case: the class corpus, the forgery, grader-callback and process-tree cases (no mlp:
    those train networks, which measures training, not the grader)."""
    found: list[Variant] = list(class_corpus())
    found += [Variant(p.parent.name, p) for folder in (FORGERY, CALLBACKS, TREE)
              for p in sorted(folder.glob("*/*.py"))]
    return [case for case in found if case.task != "mlp"]


def tree(root: int) -> list[int]:
    """``root`` and every process descended from it (by parent pid, read from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def resident_bytes(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def grade_and_watch(case: Variant, folder: Path, max_call_timeout: float, env: dict) -> dict:
    """Grade one case in a grader process of its own; its score and what its process tree took."""
    submission = make_submission(folder / "sub", case if case.path.name != "reference" else None)
    out = folder / "out"
    argv = [sys.executable, "-m", "graders.classroom.grading", str(submission), str(out), f"--student={case.name}",
            "--tasks", case.task, "--max-call-timeout", str(max_call_timeout)]
    started = time.monotonic()
    proc = subprocess.Popen(argv, cwd=KIT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak_bytes = most = 0
    while proc.poll() is None:
        pids = tree(proc.pid)
        peak_bytes = max(peak_bytes, sum(map(resident_bytes, pids)))
        most = max(most, len(pids))
        time.sleep(SAMPLE_S)
    seconds = time.monotonic() - started
    try:
        report = json.loads((out / "report.json").read_text())
        (task,) = report["tasks"]
        score, status = f"{task['points']:g}/{task['max_points']:g}", task["status"]
    except (OSError, ValueError, KeyError):
        score, status = "-", f"grader exited {proc.returncode}"
    return {"score": score, "status": status, "peak_mib": peak_bytes / 1024**2, "processes": most,
            "seconds": seconds}


def main(argv=None) -> int:
    args = parse_args(argv)
    env = dict(os.environ)
    if args.mode:
        env[sandbox.ENV] = args.mode
    cases = all_cases()
    if args.cases:
        wanted = set(args.cases.split(","))
        cases = [c for c in cases if c.name in wanted]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; "
          f"python {platform.python_version()}; sandbox mode {env.get(sandbox.ENV, 'auto')}; "
          f"time limit cap {args.max_call_timeout:g} s")
    print(f"{'case':48s} {'task':10s} {'score':>7s} {'status':14s} {'peak MiB':>9s} {'procs':>6s} {'seconds':>8s}")
    baseline = [Variant(task, Path("reference")) for task in sorted({c.task for c in cases})]
    peaks = []
    for case in baseline + cases:
        with tempfile.TemporaryDirectory(prefix="dlgrade-bench-") as folder:
            row = grade_and_watch(case, Path(folder), args.max_call_timeout, env)
        name = f"(reference {case.task})" if case.path.name == "reference" else \
            str(case.path.relative_to(HOSTILE).with_suffix(""))
        peaks.append(row["peak_mib"])
        print(f"{name:48s} {case.task:10s} {row['score']:>7s} {row['status']:14s} {row['peak_mib']:9.0f} "
              f"{row['processes']:6d} {row['seconds']:8.1f}", flush=True)
    print(f"largest peak of a grading tree: {max(peaks):.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
