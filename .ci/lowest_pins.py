"""The direct dependencies in pyproject.toml: their lower bounds as pins, or what is installed.

    python .ci/lowest_pins.py [EXTRA ...]              name==lower-bound, one per line
    python .ci/lowest_pins.py --build                  the same for [build-system] requires
    python .ci/lowest_pins.py --installed [EXTRA ...]  name==installed-version, one per line

The project's dependencies plus those of the named extras; a requirement whose
environment marker does not hold here is left out. Each one must have exactly one `>=`
lower bound (or an `==` pin), so that CI's oldest-versions leg tests every bound there is.
"""
from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

try:
    from packaging.requirements import Requirement
except ModuleNotFoundError:  # a fresh virtual environment has only pip's copy
    from pip._vendor.packaging.requirements import Requirement

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def pyproject() -> dict:
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))


def applicable(lines: list[str]) -> list[Requirement]:
    reqs = [Requirement(line) for line in lines]
    return [r for r in reqs if r.marker is None or r.marker.evaluate()]


def direct_requirements(extras: list[str]) -> list[Requirement]:
    project = pyproject()["project"]
    optional = project.get("optional-dependencies", {})
    unknown = [e for e in extras if e not in optional]
    if unknown:
        raise SystemExit(f"no such extra in pyproject.toml: {', '.join(unknown)}")
    lines = list(project.get("dependencies", []))
    for extra in extras:
        lines += optional[extra]
    return applicable(lines)


def lowest_pins(reqs: list[Requirement]) -> list[str]:
    pins = []
    for req in reqs:
        lower = [s.version for s in req.specifier if s.operator in (">=", "==")]
        if len(lower) != 1:
            raise SystemExit(f"pyproject.toml: {str(req)!r} needs exactly one >= lower bound (or an == pin)")
        pins.append(f"{req.name}=={lower[0]}")
    return pins


def installed(extras: list[str]) -> list[str]:
    lines = []
    for req in direct_requirements(extras):
        try:
            lines.append(f"{req.name}=={metadata.version(req.name)}")
        except metadata.PackageNotFoundError:
            lines.append(f"{req.name}: not installed")
    return lines


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--installed"]:
        print("\n".join(installed(args[1:])))
    elif args == ["--build"]:
        print("\n".join(lowest_pins(applicable(pyproject()["build-system"]["requires"]))))
    else:
        print("\n".join(lowest_pins(direct_requirements(args))))
