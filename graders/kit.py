"""Where the kit's parts are, and the two file helpers every role uses."""
from __future__ import annotations

import os
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

KIT_ROOT = Path(__file__).resolve().parent.parent
GRADERS = KIT_ROOT / "graders"
SOLUTIONS = KIT_ROOT / "solutions"
EXERCISES = KIT_ROOT / "exercises"
WORKER = GRADERS / "worker"
TOMLDecodeError = tomllib.TOMLDecodeError


def read_toml(path: Path) -> dict:
    """A TOML file's tables (TOMLDecodeError where it is not TOML)."""
    return tomllib.loads(Path(path).read_text(encoding="utf-8"))


def write_atomically(path: Path, data: str | bytes) -> None:
    """Write ``path`` through a temporary file beside it, so a reader sees the old file or the new one."""
    temporary = path.with_name(f".{path.name}.tmp")
    if isinstance(data, str):
        temporary.write_text(data, encoding="utf-8")
    else:
        temporary.write_bytes(data)
    os.replace(temporary, path)


def spreadsheet_text(text: str) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula (=, +, -, @ start one)."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
