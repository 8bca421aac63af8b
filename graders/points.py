"""The instructor's points: ``graders/points.toml`` (or a file given with ``--points``)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from graders.kit import GRADERS, TOMLDecodeError, read_toml

DEFAULT_POINTS = GRADERS / "points.toml"


class ConfigError(ValueError):
    pass


@dataclass(frozen=True)
class TaskPoints:
    points: float
    weights: dict[str, float] = field(default_factory=dict)
    settings: dict = field(default_factory=dict)   # [tasks.<id>.settings]: what the task's checks read

    def weight(self, check: str) -> float:
        return self.weights.get(check, 1.0)


#: Who sees a check's result on Gradescope, and when (its autograder specification's words).
VISIBILITIES = ("hidden", "after_due_date", "after_published", "visible")
DEFAULT_VISIBILITY = {"public": "visible", "hidden": "after_due_date"}


def _read(path: Path | None) -> tuple[Path, dict]:
    path = Path(path or DEFAULT_POINTS)
    try:
        return path, read_toml(path)
    except FileNotFoundError:
        raise ConfigError(f"points file {path} not found") from None
    except TOMLDecodeError as exc:
        raise ConfigError(f"points file {path} is not valid TOML: {exc}") from None


def load_visibility(path: Path | None = None) -> dict[str, str]:
    """The points file's ``[gradescope.visibility]``: tier -> when a student sees a check of that tier on
    Gradescope (default: public checks ``visible``, hidden checks ``after_due_date``)."""
    path, raw = _read(path)
    section = raw.get("gradescope", {})
    given = section.get("visibility", {}) if isinstance(section, dict) else None
    chosen = {**DEFAULT_VISIBILITY, **given} if isinstance(given, dict) else None
    if chosen is None or set(chosen) != set(DEFAULT_VISIBILITY) or not set(chosen.values()) <= set(VISIBILITIES):
        raise ConfigError(f"{path}: [gradescope.visibility] sets `public` and `hidden` (the check tiers) to one of "
                          f"{', '.join(VISIBILITIES)}")
    return chosen


def load_points(path: Path | None = None) -> dict[str, TaskPoints]:
    path, raw = _read(path)
    tasks = {}
    for task_id, entry in raw.get("tasks", {}).items():
        try:
            points = float(entry["points"])
            weights = {str(k): float(v) for k, v in entry.get("checks", {}).items()}
            settings = dict(entry.get("settings", {}))
        except (KeyError, TypeError, ValueError):
            raise ConfigError(f"{path}: [tasks.{task_id}] needs `points = <number>`, numeric check weights "
                              "and a table of settings") from None
        tasks[task_id] = TaskPoints(points, weights, settings)
    return tasks
