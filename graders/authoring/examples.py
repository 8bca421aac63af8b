"""The checks' recorded examples (graders/engine/replay.py), drawn by grading the reference solutions.

``dlgrade sync`` writes them beside the suites; ``dlgrade sync --check`` and the kit's tests name a
record that is missing or no longer what hypothesis draws.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graders import tasks
from graders.engine import replay, runner
from graders.engine.plugin import TIERS, GradingSettings
from graders.kit import KIT_ROOT, SOLUTIONS, write_atomically


@dataclass
class Drawn:
    """What grading the reference drew: each suite's record, and the checks that cannot be recorded."""

    records: dict[Path, bytes | None]   # suite -> its record as written (None: no check to record)
    unrecorded: list[str]               # "test_<task>.py::<check>": hypothesis draws their examples in every grade

    def differing(self) -> list[str]:
        """The records (paths from the kit's root) that are missing, or differ from those drawn."""
        return [_shown(replay.record_path(suite)) for suite, data in self.records.items()
                if _read(replay.record_path(suite)) != data]


def recordable_tasks() -> list[str]:
    """The tasks whose examples are recorded: those that need nothing beyond numpy (grading the reference of
    one that needs PyTorch trains a network)."""
    return [task.id for task in tasks.TASKS if not task.requires]


def draw(task_ids=None) -> Drawn:
    """Grade the reference on ``task_ids`` (default: :func:`recordable_tasks`), hypothesis drawing every
    example, and record the arguments of each call to each check's body."""
    files = [Path(f) for f in runner.suite_files(task_ids or recordable_tasks(), TIERS)]
    examples = replay.Examples(replay.RECORD)
    collector = runner.run_suites(files, GradingSettings(SOLUTIONS, examples=examples, shrink=False))
    failed = [node for node, (_, verdict) in collector.results.items() if not verdict.passed]
    if failed or collector.errors:
        raise RuntimeError("the reference solutions do not pass their checks, so no examples are recorded: "
                           f"{', '.join(failed + list(collector.errors.values()))}")
    records = {suite: replay.encoded(suite, checks) if (checks := examples.recorded.get(suite)) else None
               for suite in files}
    return Drawn(records, examples.unrecorded)


def write(drawn: Drawn) -> list[str]:
    """Write the records ``drawn``; those that changed (paths from the kit's root)."""
    changed = drawn.differing()
    for suite, data in drawn.records.items():
        path = replay.record_path(suite)
        if data is None:
            path.unlink(missing_ok=True)
        elif _read(path) != data:
            path.parent.mkdir(exist_ok=True)
            write_atomically(path, data)
    return changed


def _read(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def _shown(path: Path) -> str:
    return path.relative_to(KIT_ROOT).as_posix()
