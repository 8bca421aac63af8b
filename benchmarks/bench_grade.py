"""Benchmark (not a test): what grading one submission costs, the figures issue 12 sets targets for.

    python benchmarks/bench_grade.py            # 3 runs of each, medians
    python benchmarks/bench_grade.py -n 5

Each row is a whole command run as a new process, median of ``-n`` runs, all in one run so that
the ratios hold while the machine's speed drifts. Its figures: the wall seconds; the CPU seconds of
the command and of every process it waited for (the grader, its workers, bubblewrap), which miss
what processes inside bubblewrap's own process namespace used; and the seconds the machine's cores
were busy meanwhile (Linux, ``/proc/stat``), which count those too, and anything else that ran
(so run it on a quiet machine). The rows:

- ``numpy, bwrap`` / ``numpy, none``: ``dlgrade grade solutions --tasks <the 14 numpy tasks>``
  under bubblewrap / with process isolation only, tasks graded on every core at once (the default);
- ``numpy, bwrap, 1 job``: the first row with ``--jobs 1``, one task after another (the baseline);
- ``numpy, bwrap, drawn``: the first row with hypothesis drawing every example (``DLGRADE_REPLAY=0``), not
  replaying the checks' recorded examples (graders/engine/replay.py);
- ``numpy, none, cold``: the ``none`` row with every worker started cold (``DLGRADE_ZYGOTE=0``), not
  forked from a zygote (graders/engine/zygote.py);
- ``numpy, in-process``: the same suites through the same plugin, the student's modules served
  from a thread of the grading process (the notebook transport, graders.engine.kernel): what the
  checks cost without a worker process;
- ``all 15 tasks``: as the first row, with mlp (on the CPU here);
- ``endless loop``: ``dlgrade check encoding`` on a submission whose ``one_hot`` never returns.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KIT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(KIT))

from graders import tasks  # noqa: E402
from graders.engine import replay, sandbox, zygote  # noqa: E402

NUMPY = [t.id for t in tasks.TASKS if not t.requires]
IN_PROCESS = """
import functools, sys
from graders.engine import kernel, runner
from graders.engine.plugin import TIERS, GradingSettings
from graders.kit import SOLUTIONS
task_ids = sys.argv[1].split(",")
for task_id in task_ids:
    namespace = {"__name__": task_id}
    exec(compile((SOLUTIONS / f"{task_id}.py").read_text(), task_id, "exec"), namespace)
    collector = runner.run_suites(runner.suite_files([task_id], TIERS), GradingSettings(
        SOLUTIONS, new_worker=functools.partial(kernel.worker_for, namespace)))
    assert all(v.passed for _, v in collector.results.values()), task_id
"""
ENDLESS = "\n\ndef one_hot(labels, num_classes):\n    while True:\n        pass\n"


def timed(argv, env=None) -> tuple[float, float, float]:
    """(wall, CPU, busy) seconds of ``argv``: CPU of it and the processes it waited for, and the
    machine's busy CPU meanwhile (NaN where /proc/stat cannot be read)."""
    before, busy_before = resource.getrusage(resource.RUSAGE_CHILDREN), busy_seconds()
    start = time.perf_counter()
    subprocess.run(argv, cwd=KIT, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after, busy_after = resource.getrusage(resource.RUSAGE_CHILDREN), busy_seconds()
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), busy_after - busy_before


def busy_seconds() -> float:
    """Seconds the machine's cores have spent busy since boot (all of /proc/stat's cpu line but idle and iowait)."""
    try:
        ticks = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return float("nan")
    return (sum(ticks[:8]) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")   # guest time is in user already


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=3, help="runs of each command (default 3)")
    args = parser.parse_args(argv)
    dlgrade = [sys.executable, "-m", "graders"]
    with tempfile.TemporaryDirectory(prefix="dlgrade-bench-") as tmp:
        endless = Path(tmp, "endless")
        shutil.copytree(KIT / "solutions", endless, ignore=shutil.ignore_patterns("__pycache__"))
        with open(endless / "encoding.py", "a") as module:
            module.write(ENDLESS)
        rows = {
            "numpy, bwrap": ([*dlgrade, "grade", "solutions", "--tasks", ",".join(NUMPY)], {sandbox.ENV: "bwrap"}),
            "numpy, bwrap, 1 job": ([*dlgrade, "grade", "solutions", "--tasks", ",".join(NUMPY), "--jobs", "1"],
                                    {sandbox.ENV: "bwrap"}),
            "numpy, bwrap, drawn": ([*dlgrade, "grade", "solutions", "--tasks", ",".join(NUMPY)],
                                    {sandbox.ENV: "bwrap", replay.ENV: "0"}),
            "numpy, none": ([*dlgrade, "grade", "solutions", "--tasks", ",".join(NUMPY)], {sandbox.ENV: "none"}),
            "numpy, none, cold": ([*dlgrade, "grade", "solutions", "--tasks", ",".join(NUMPY)],
                                  {sandbox.ENV: "none", zygote.ENV: "0"}),
            # without third-party hypothesis hooks, as the dlgrade command runs (graders/cli/__init__.py)
            "numpy, in-process": ([sys.executable, "-c", IN_PROCESS, ",".join(NUMPY)], {"HYPOTHESIS_NO_PLUGINS": "1"}),
            "all 15 tasks": ([*dlgrade, "grade", "solutions"], {}),
            "endless loop": ([*dlgrade, "check", "encoding", "--path", str(endless)], {}),
        }
        if not sandbox.probe()[0]:
            del rows["numpy, bwrap"], rows["numpy, bwrap, 1 job"], rows["numpy, bwrap, drawn"]
        runs = {name: [] for name in rows}
        for _ in range(args.n):   # in turn, so that drift hits every row alike
            for name, (command, env) in rows.items():
                runs[name].append(timed(command, env))
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; medians of {args.n} runs")
    print(f"{'':<20}{'wall s':>9}{'CPU s':>9}{'busy s':>9}")
    medians = {name: tuple(statistics.median(run[i] for run in r) for i in range(3)) for name, r in runs.items()}
    for name, (wall, cpu, busy) in medians.items():
        print(f"{name:<20}{wall:>9.2f}{cpu:>9.2f}{busy:>9.2f}")
    first = "numpy, bwrap" if "numpy, bwrap" in medians else "numpy, none"
    wall, cpu, busy = medians[first]
    print(f"{first}: {wall:.2f} s wall (goal <= 3), {busy:.2f} s of the machine's CPU (goal <= 5); "
          f"{medians[first][0] / medians['numpy, in-process'][0]:.2f}x the in-process wall (goal <= 1.5)")
    warm, cold = medians["numpy, none"], medians["numpy, none, cold"]
    print(f"workers forked from a zygote: {cold[0] / warm[0]:.2f}x less wall, {cold[1] / warm[1]:.2f}x less CPU "
          "than each started cold (process isolation, where every worker's CPU is counted)")
    if "numpy, bwrap, drawn" in medians:
        drawn = medians["numpy, bwrap, drawn"]
        print(f"recorded examples replayed: {drawn[0] / wall:.2f}x less wall, {drawn[2] / busy:.2f}x less busy CPU "
              "than hypothesis drawing every example")
    if "numpy, bwrap, 1 job" in medians:
        print(f"tasks on every core: {medians['numpy, bwrap, 1 job'][0] / wall:.2f}x faster than one after another")


if __name__ == "__main__":
    main()
