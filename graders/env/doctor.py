"""``dlgrade doctor``: what this machine has, what is missing, and the command that fixes it.

A finding is *required* when no task can be graded or checked without it: Python 3.10 or
newer, the libraries in REQUIRED_LIBRARIES, and a complete kit (the instructor's kit with its
reference solutions and hidden checks, or the student release). A required finding that fails
makes ``dlgrade doctor`` exit 1. Everything else (PyTorch and the datasets for the ``mlp`` task,
nbgrader, bubblewrap, the GPU) is optional: it costs one task or one way of working.

The fixes name commands that work for the kit that is installed: the student release has no
``nbgrader`` extra and no sandbox to set up, and is usually installed from its archive, not
from a folder.
"""
from __future__ import annotations

import importlib
import importlib.util
import sys
from dataclasses import dataclass

import graders
from graders.engine import sandbox

REQUIRED_LIBRARIES = ("numpy", "pytest", "hypothesis", "matplotlib")


@dataclass
class Finding:
    name: str
    ok: bool
    detail: str
    fix: str = ""          # a command or an instruction, printed after "fix: "
    required: bool = True


def _version(module_name: str) -> str | None:
    try:
        return getattr(importlib.import_module(module_name), "__version__", "installed")
    except ImportError:
        return None


def python_check() -> Finding:
    ok = sys.version_info >= (3, 10)
    return Finding("python", ok, sys.version.split()[0], "install Python 3.10 or newer")


def student_release() -> bool:
    """Whether the installed ``graders`` is the student release rather than the instructor's kit."""
    return bool(getattr(graders, "STUDENT_RELEASE", False))


def kit_check() -> Finding:
    """Which kit is installed and where; for the instructor's kit, that its reference and hidden checks are there."""
    where = next(iter(graders.__path__), "?")
    if student_release():
        return Finding("dlgrade", True, f"student release in {where}")
    missing = [name for name in ("solutions", "graders.hidden") if importlib.util.find_spec(name) is None]
    if missing:
        return Finding("dlgrade", False, f"instructor's kit at {where} without {' and '.join(missing)}",
                       "reinstall the kit: in its folder, python -m pip install -e '.[nbgrader]'")
    return Finding("dlgrade", True, f"instructor's kit in {where}")


def library_check(module: str, fix: str, required: bool = True) -> Finding:
    version = _version(module)
    return Finding(module, version is not None, version or "not installed", fix, required)


def torch_check() -> Finding:
    version = _version("torch")
    if version is None:
        fix = ("python -m pip install torch  (or first the build for your GPU from pytorch.org)" if student_release()
               else "in the kit's folder, python -m pip install -e '.[torch]'  (or first the build for your "
                    "CUDA from pytorch.org)")
        return Finding("torch", False, "not installed (needed for the mlp task)", fix, False)
    import torch  # may be missing: its finding says so

    device = f"CUDA: {torch.cuda.get_device_name(0)}" if torch.cuda.is_available() else "CPU only (no CUDA device)"
    return Finding("torch", True, f"{version}, {device}", required=False)


def gpu_worker_check() -> Finding | None:
    """Where the grader sees a CUDA GPU: whether student code, in its worker process, reaches it too.

    None where there is no GPU (or no torch): nothing to check.
    """
    try:
        import torch  # may be missing: then there is no GPU to check
    except ImportError:
        return None
    if not torch.cuda.is_available():
        return None
    from graders.engine.remote import Worker  # may be missing: numpy, which its own finding reports

    worker = Worker(sandbox.KIT_ROOT / "exercises", "mlp", memory_mb=None)
    try:
        reached, why = bool(worker.ensure_started().torch.cuda.is_available()), ""
    except Exception as exc:  # a worker that cannot start says why; doctor reports it, never raises
        reached, why = False, f" ({exc})"
    finally:
        worker.stop()
    where = f"student code ({sandbox.mode()} isolation)"
    return Finding("GPU for student code", reached,
                   f"{where} trains on the GPU" if reached else f"{where} cannot reach the GPU{why}: the "
                   "mlp GPU check is reported as not run",
                   "make /dev/nvidia* and the CUDA driver's libraries (LD_LIBRARY_PATH) visible to the worker, "
                   "or grade with DLGRADE_SANDBOX=none", required=False)


def bubblewrap_check() -> Finding:
    found = sandbox.diagnosis()
    return Finding("bubblewrap", found.works, "student code runs in a bubblewrap sandbox" if found.works
                   else f"{found.reason}: student code runs with process isolation only", found.fix,
                   required=False)


def run_checks() -> list[Finding]:
    """Every finding, required ones first; the student release skips what only grading needs."""
    findings = [python_check(), kit_check()]
    findings += [library_check(name, f"python -m pip install {name}") for name in REQUIRED_LIBRARIES]
    findings.append(torch_check())
    if not student_release():
        findings.append(library_check("nbgrader", "in the kit's folder, python -m pip install -e '.[nbgrader]'",
                                      required=False))
        findings.append(bubblewrap_check())
        findings += [f for f in (gpu_worker_check(),) if f is not None]
    return findings + dataset_findings()


def dataset_findings() -> list[Finding]:
    """One finding per dataset (found and verified, or how to get it), or one saying why the datasets
    cannot be looked for at all."""
    try:
        from graders.env import datasets  # may be missing: numpy, which its own finding reports
    except ImportError:  # numpy is missing, which its own finding reports
        return []
    try:
        return [_dataset_finding(datasets, name) for name in datasets.names()]
    except datasets.DatasetError as exc:  # no readable manifest: an install without data/
        where = "the student kit's unpacked folder" if student_release() else "the kit's folder"
        return [Finding("datasets", False, str(exc), f"in {where}, python -m pip install -e .", required=False)]


def _dataset_finding(datasets, name: str) -> Finding:
    label = f"{name} data"
    try:
        checks = datasets.verify(name)
    except datasets.DatasetError as exc:
        return Finding(label, False, str(exc).splitlines()[0], "see data/README.md", False)
    if all(c.ok for c in checks):
        return Finding(label, True, f"{checks[0].path.parent} (SHA-256 verified)", required=False)
    if all(c.path is None for c in checks):
        how = f"dlgrade data fetch {name}   (offline: put the files in a folder and set {datasets.DATA_ENV})"
        return Finding(label, False, "not found (downloaded on first use when online)", how, False)
    bad = next(c for c in checks if not c.ok)
    return Finding(label, False, bad.detail.split(". Fix:")[0], datasets.fix_text(name).removeprefix("Fix: "), False)
