"""Does Gradescope's autograder fit Gradescope's default limits (768 MB, half a CPU, 10 minutes)?

    python benchmarks/gradescope_limits.py [--tasks softmax,mlp] [--submission solutions]

Builds the bundle (``dlgrade gradescope``), lays it out as Gradescope does in a temporary root,
and runs its ``run_autograder`` on one core (``taskset``) with this Python, sampling the memory
(PSS) of the whole process tree every 50 ms. Prints the wall and CPU time, the peak memory and what
half a CPU would make of the time (twice the wall time on one core: the grade is CPU-bound).
"""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_hostile import tree  # noqa: E402
from graders import tasks  # noqa: E402
from graders.gradebooks.autograder import Settings, build_bundle, lay_out, run_environment  # noqa: E402
from graders.kit import KIT_ROOT  # noqa: E402

LIMIT_MB, LIMIT_S = 768, 600


def tree_pss_mb(root: int) -> float:
    """The proportional set size (PSS) of ``root`` and all its descendants, in MB: resident memory with
    each shared page counted once over the processes that share it (forked graders share most of theirs),
    the nearest a process can see to what a container's memory limit counts."""
    total = 0
    for pid in tree(root):
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0)
    return total / 1e3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", default=",".join(t.id for t in tasks.TASKS))
    parser.add_argument("--submission", type=Path, default=KIT_ROOT / "solutions")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "autograder"
        bundle = build_bundle(Path(folder), Settings(args.tasks.split(",")))
        lay_out(bundle, root, args.submission)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started, peak = time.monotonic(), 0.0
        run = subprocess.Popen(["taskset", "-c", "0", "bash", str(root / "run_autograder")], cwd=root,
                               env=run_environment(root),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        while run.poll() is None:
            peak = max(peak, tree_pss_mb(run.pid))
            time.sleep(0.05)
        wall = time.monotonic() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        output = run.stdout.read()
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        print(output[-3000:])
        print(f"tasks: {args.tasks}")
        print(f"wall on one core: {wall:.1f} s (CPU that rusage sees: {cpu:.1f} s; a bubblewrap worker's is not in it)")
        print(f"at half a CPU: about {2 * wall:.0f} s of Gradescope's {LIMIT_S} s")
        print(f"peak memory of the process tree (PSS, 50 ms samples): {peak:.0f} MB of Gradescope's {LIMIT_MB} MB")


if __name__ == "__main__":
    main()
