"""Helpers for the kit's own tests: build submissions from the reference and known variants.

A *variant* is a file ``tests/variants/<task>/<name>.py`` holding the definitions a
student might have written differently. It is appended to the reference module, so
its definitions replace the reference's and everything else stays correct.

- ``ok_*.py``: an alternative correct implementation; must score full marks.
- any other name: a plausible bug; must lose points on its task. ``CAUGHT_BY = [...]``
  names checks that must fail, ``PASSES = [...]`` checks that must still pass
  (e.g. "your XOR is right, your NAND is not").
"""
from __future__ import annotations

import ast
import shutil
from dataclasses import dataclass
from pathlib import Path

KIT = Path(__file__).resolve().parents[1]
SOLUTIONS = KIT / "solutions"
EXERCISES = KIT / "exercises"
VARIANTS = Path(__file__).resolve().parent / "variants"


@dataclass(frozen=True)
class Variant:
    task: str
    path: Path

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def correct(self) -> bool:
        return self.name.startswith("ok_")

    def names(self, variable: str) -> list[str]:
        """A list literal assigned at the top of the variant file (CAUGHT_BY, PASSES)."""
        tree = ast.parse(self.path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == variable for t in node.targets):
                return list(ast.literal_eval(node.value))
        return []

    def __str__(self) -> str:
        return f"{self.task}/{self.name}"


def all_variants() -> list[Variant]:
    return [Variant(p.parent.name, p) for p in sorted(VARIANTS.glob("*/*.py"))]


def make_submission(folder: Path, variant: Variant | None = None, base: Path = SOLUTIONS) -> Path:
    """A submission folder: the modules of ``base``, with ``variant`` appended to its task."""
    folder.mkdir(parents=True, exist_ok=True)
    for module in base.glob("*.py"):
        shutil.copy(module, folder / module.name)
    if variant is not None:
        target = folder / f"{variant.task}.py"
        target.write_text(target.read_text(encoding="utf-8") + "\n\n# --- variant ---\n"
                          + variant.path.read_text(encoding="utf-8"), encoding="utf-8")
    return folder
