"""``dlgrade doctor``: what this machine has, what is missing, and the command that fixes it."""
from __future__ import annotations

import importlib
import shutil
import sys
from dataclasses import dataclass


@dataclass
class Finding:
    name: str
    ok: bool
    detail: str
    fix: str = ""
    required: bool = True


def _version(module_name: str) -> str | None:
    try:
        return getattr(importlib.import_module(module_name), "__version__", "installed")
    except ImportError:
        return None


def python_check() -> Finding:
    ok = sys.version_info >= (3, 10)
    return Finding("python", ok, sys.version.split()[0], "install Python 3.10 or newer")


def library_check(module: str, pip_name: str, required: bool = True) -> Finding:
    version = _version(module)
    return Finding(module, version is not None, version or "not installed",
                   f"pip install '{pip_name}'", required)


def torch_check() -> Finding:
    version = _version("torch")
    if version is None:
        return Finding("torch", False, "not installed (needed for the mlp task)",
                       "pip install -e '.[torch]'  (or the build for your CUDA from pytorch.org)", False)
    import torch

    device = f"CUDA: {torch.cuda.get_device_name(0)}" if torch.cuda.is_available() else "CPU only (no CUDA device)"
    return Finding("torch", True, f"{version}, {device}", required=False)


def gpu_worker_check() -> Finding | None:
    """Where the grader sees a CUDA GPU: whether student code, in its worker process, reaches it too.

    None where there is no GPU (or no torch): nothing to check.
    """
    try:
        import torch
    except ImportError:
        return None
    if not torch.cuda.is_available():
        return None
    from graders import sandbox
    from graders.remote import Worker

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
    from graders import sandbox

    works, why = sandbox.probe()
    fix = "sudo apt-get install bubblewrap" if shutil.which("bwrap") is None else \
        "allow unprivileged user namespaces (or run the grader where bubblewrap can start)"
    return Finding("bubblewrap", works, "student code runs in a bubblewrap sandbox" if works
                   else f"{why}: student code runs with process isolation only", fix, required=False)


def run_checks() -> list[Finding]:
    findings = [python_check()]
    findings += [library_check(m, p) for m, p in (("numpy", "numpy"), ("pytest", "pytest"),
                                                  ("hypothesis", "hypothesis"), ("matplotlib", "matplotlib"))]
    findings += [torch_check(), library_check("nbgrader", "dlgrade[nbgrader]", required=False), bubblewrap_check()]
    findings += [f for f in (gpu_worker_check(),) if f is not None]
    try:
        from graders.datasets import doctor_findings
    except ImportError:
        pass
    else:
        findings += doctor_findings()
    return findings
