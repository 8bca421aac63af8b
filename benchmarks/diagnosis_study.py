"""How often does the diagnosis name a student's mistake right, and how often wrong (it must never)?

    python benchmarks/diagnosis_study.py [--tasks softmax,losses] [--jobs 2] [--out study.json]

Every buggy variant of the catalogue (tests/variants/, graders/classroom/diagnosis.py says which
count) is graded once. The variants are then split by a fixed hash of their names: one in four is
held out and plays a student, the others are the catalogue the diagnosis may name. For each
held-out variant: *right* when the diagnosis names its own mistake (its MISTAKE sentence, which a
catalogued variant that makes the same mistake shares), *wrong* when it names another, *silent*
when it names none. *In catalogue* counts the held-out variants whose mistake some catalogued
variant makes: only those can be named right.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import tempfile
import time
from pathlib import Path

from graders import tasks
from graders.classroom import diagnosis
from graders.classroom.grading import fingerprint
from graders.engine.plugin import TIERS

HELD_OUT_ONE_IN = 4


def held_out(task_id: str, name: str) -> bool:
    return hashlib.sha256(f"{task_id}/{name}".encode()).digest()[0] % HELD_OUT_ONE_IN == 0


def study(known: list[diagnosis.KnownMistake]) -> dict[str, dict[str, list[str]]]:
    """Per task: the held-out variants named right, named wrong, left silent, and in the catalogue."""
    results: dict[str, dict[str, list[str]]] = {}
    for student in (k for k in known if held_out(k.task, k.variant)):
        catalogue = [k for k in known if not held_out(k.task, k.variant)]
        named = diagnosis.match(student.task, student.verdicts, catalogue)
        row = results.setdefault(student.task, {"right": [], "wrong": [], "silent": [], "in catalogue": []})
        row["right" if named == student.sentence else "wrong" if named else "silent"].append(student.variant)
        if any(k.task == student.task and k.sentence == student.sentence for k in catalogue):
            row["in catalogue"].append(student.variant)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", default=",".join(t.id for t in tasks.TASKS))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", type=Path, help="write each held-out variant's outcome here (JSON)")
    args = parser.parse_args()
    started = time.monotonic()
    ids = args.tasks.split(",")
    with tempfile.TemporaryDirectory() as folder:
        known, _ = diagnosis.build(ids, Path(folder), fingerprint(ids, TIERS, None, None), jobs=args.jobs)
    print(f"{len(known)} catalogued variants graded in {time.monotonic() - started:.0f} s "
          f"({args.jobs} processes); one in {HELD_OUT_ONE_IN} held out by name hash")
    results = study(known)
    print(f"{'task':20} {'held out':>8} {'in catalogue':>12} {'right':>6} {'wrong':>6} {'silent':>6}")
    totals = {key: 0 for key in ("held", "in catalogue", "right", "wrong", "silent")}
    for task_id, row in results.items():
        held = len(row["right"]) + len(row["wrong"]) + len(row["silent"])
        print(f"{task_id:20} {held:8} {len(row['in catalogue']):12} {len(row['right']):6} {len(row['wrong']):6} "
              f"{len(row['silent']):6}")
        totals["held"] += held
        for key in ("in catalogue", "right", "wrong", "silent"):
            totals[key] += len(row[key])
    print(f"{'all':20} {totals['held']:8} {totals['in catalogue']:12} {totals['right']:6} {totals['wrong']:6} "
          f"{totals['silent']:6}")
    if args.out:
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
