"""How a worker process is confined: resource limits, and the command line that starts it.

This is the plain process-isolation fallback: the worker is a separate process
with a memory limit, its own session (so its children can be killed with it)
and a private working folder.
"""
from __future__ import annotations

import resource
from pathlib import Path


def wrap(argv: list[str], *, submission_dir: Path, workdir: Path, keep_fds: list[int]) -> list[str]:
    """Return the command line that runs ``argv`` confined (here: unchanged)."""
    return argv


def limits(memory_mb: int | None):
    """A ``preexec_fn`` that caps the worker's address space at ``memory_mb`` MiB."""

    def apply() -> None:
        if memory_mb:
            size = memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (size, size))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply
