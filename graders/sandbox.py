"""How a worker process is confined: the command line that starts it, and its resource limits.

Two modes, chosen once per grader process by ``DLGRADE_SANDBOX``:

- ``auto`` (default): bubblewrap where it works on this machine (probed once), else ``none``.
- ``bwrap``: the worker runs in a bubblewrap sandbox: new namespaces for everything
  (no network, its own process tree), no capabilities, a read-only view of only what
  Python and its libraries need, the submission read-only at ``/submission``, a
  private writable ``/tmp`` that is also its working folder. The kit (reference
  solutions, grader suites, tests, its git history) is not in that view: the
  worker's own files are bound alone at ``/dlgrade-worker``. It is an error to ask
  for this mode where bubblewrap does not work.
- ``none``: process isolation only (macOS, Windows, containers without user
  namespaces). The worker runs from a copy of its files in a temporary folder,
  without the site-packages ``.pth`` files (so an editable install's finder cannot
  point it at the kit), with the same limits and guard rails (see
  ``graders/worker/guard.py``), but without a filesystem sandbox.

In both modes the worker gets ``limits()``: an address-space cap, a file-size cap
and no core dumps.
"""
from __future__ import annotations

import ctypes
import functools
import glob
import importlib.util
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from graders.config import ConfigError

ENV = "DLGRADE_SANDBOX"
MODES = ("auto", "bwrap", "none")
KIT_ROOT = Path(__file__).resolve().parent.parent
WORKER_DIR = Path(__file__).resolve().parent / "worker"
WORKER_FILES = ("server.py", "wire.py", "guard.py")
FILE_SIZE_LIMIT_MB = 512        # the largest file a worker may write
SYSTEM_DIRS = ("usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32")
ETC_FILES = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "alternatives", "localtime", "passwd",
             "group", "nsswitch.conf", "fonts", "mime.types", "os-release")
#: Where things are inside the sandbox.
SUBMISSION_MOUNT, WORK_MOUNT, WORKER_MOUNT = "/submission", "/tmp", "/dlgrade-worker"
PR_SET_PDEATHSIG = 1
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None


class SandboxError(ConfigError):
    """bubblewrap was asked for (DLGRADE_SANDBOX=bwrap) but does not work here."""


@dataclass(frozen=True)
class Launch:
    """How to start one worker: the command, its environment additions, the host folder it runs in."""

    argv: list[str]
    env: dict[str, str]
    cwd: Path


# -- which mode ----------------------------------------------------------------------------
def requested() -> str:
    value = os.environ.get(ENV, "auto").strip().lower() or "auto"
    if value not in MODES:
        raise SandboxError(f"{ENV}={value!r}: use one of {', '.join(MODES)}")
    return value


@functools.cache
def probe() -> tuple[bool, str]:
    """Whether a bubblewrap sandbox starts Python on this machine, and if not, why (run once)."""
    if shutil.which("bwrap") is None:
        return False, "bubblewrap is not installed"
    with tempfile.TemporaryDirectory(prefix="dlgrade-probe-") as tmp:
        submission, work = Path(tmp, "submission"), Path(tmp, "work")
        submission.mkdir()
        work.mkdir()
        argv = bwrap_argv(submission, work) + [sys.executable, "-I", "-S", "-c", "import sys"]
        try:
            done = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, timeout=30)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return False, f"bubblewrap could not be started ({exc})"
    if done.returncode != 0:
        lines = done.stderr.decode(errors="replace").strip().splitlines()
        return False, f"bubblewrap cannot create a sandbox here ({lines[-1] if lines else done.returncode})"
    return True, ""


def mode() -> str:
    """``"bwrap"`` or ``"none"``: how this process confines its workers."""
    wanted = requested()
    if wanted == "none":
        return "none"
    works, why = probe()
    if works:
        return "bwrap"
    if wanted == "bwrap":
        raise SandboxError(f"{ENV}=bwrap, but {why}. Install bubblewrap "
                           "(apt-get install bubblewrap) or unset DLGRADE_SANDBOX.")
    return "none"


def describe() -> str:
    """One line for the report: how student code was confined."""
    if mode() == "bwrap":
        return ("student code ran in a bubblewrap sandbox (read-only submission, no network, "
                "private /tmp, reference and graders not visible)")
    reason = f"the sandbox was turned off ({ENV}=none)" if requested() == "none" else probe()[1]
    return (f"process isolation only: {reason}; student code ran in separate processes with time "
            "and memory limits, but without a filesystem sandbox")


# -- the command line -----------------------------------------------------------------------
def launch(tmpdir: Path, submission_dir: Path, module: str, fd: int) -> Launch:
    """The command that runs ``module`` of ``submission_dir`` in a worker talking over ``fd``.

    ``tmpdir`` is the worker's private folder on this machine (removed with the worker);
    the student's code gets ``tmpdir/work`` as its working folder, HOME and TMPDIR.
    """
    work = tmpdir / "work"
    work.mkdir(exist_ok=True)
    env = {"DLGRADE_WORKER_PATH": os.pathsep.join(site_dirs())}
    if mode() == "bwrap":
        server, submission, home = f"{WORKER_MOUNT}/server.py", SUBMISSION_MOUNT, WORK_MOUNT
        prefix = bwrap_argv(submission_dir, work)
    else:
        copies = tmpdir / "worker"
        copies.mkdir(exist_ok=True)
        for name in WORKER_FILES:
            shutil.copyfile(WORKER_DIR / name, copies / name)
        server, submission, home, prefix = str(copies / "server.py"), str(submission_dir), str(work), []
    env.update(HOME=home, TMPDIR=home)
    argv = prefix + [sys.executable, "-I", "-S", "-B", server, str(fd), submission, module]
    return Launch(argv, env, work)


def bwrap_argv(submission_dir: Path, work: Path) -> list[str]:
    """bubblewrap's options: what the sandbox sees, and nothing of the kit."""
    argv = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL"]
    for name in SYSTEM_DIRS:
        path = Path("/", name)
        if path.is_symlink():
            argv += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            argv += ["--ro-bind", str(path), str(path)]
    argv += [arg for name in ETC_FILES for arg in ("--ro-bind-try", f"/etc/{name}", f"/etc/{name}")]
    bound = python_dirs()
    for path in bound:
        argv += ["--ro-bind", str(path), str(path)]
    for path in hidden_dirs(bound):
        argv += ["--tmpfs", str(path)]
    argv += ["--proc", "/proc", "--dev", "/dev", "--ro-bind-try", "/sys", "/sys"]
    for device in sorted(glob.glob("/dev/nvidia*")) + sorted(glob.glob("/dev/dri")):
        argv += ["--dev-bind-try", device, device]   # CUDA for the mlp task
    argv += ["--bind", str(work), WORK_MOUNT, "--chdir", WORK_MOUNT,
             "--ro-bind", str(Path(submission_dir).resolve()), SUBMISSION_MOUNT]
    for name in WORKER_FILES:
        argv += ["--ro-bind", str(WORKER_DIR / name), f"{WORKER_MOUNT}/{name}"]
    return argv + ["--remount-ro", "/"]


def site_dirs() -> list[str]:
    """The grader's site-packages folders: the worker adds them itself, without their .pth files."""
    seen = []
    for entry in sys.path:
        if entry and Path(entry).name in ("site-packages", "dist-packages") and Path(entry).is_dir():
            if entry not in seen:
                seen.append(entry)
    return seen


def python_dirs() -> list[Path]:
    """Folders Python needs, outside the system folders: its prefixes, site-packages, and the
    folders of LD_LIBRARY_PATH (where some GPU machines keep the CUDA driver's libraries)."""
    candidates = [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
                  str(Path(sys.executable).resolve().parent.parent), *site_dirs(),
                  *(p for p in os.environ.get("LD_LIBRARY_PATH", "").split(os.pathsep) if os.path.isabs(p))]
    system = [Path("/", name) for name in SYSTEM_DIRS]
    # As Python names them, not resolved: the worker looks for them at those paths.
    return _outermost([Path(c).absolute() for c in candidates if c and Path(c).is_dir()], skip=system)


def hidden_dirs(bound: list[Path]) -> list[Path]:
    """The kit's folders that lie inside a bound folder (a venv inside the kit, a regular install)."""
    secrets = {KIT_ROOT, WORKER_DIR.parent}
    for package in ("solutions", "graders", "exercises", "tests"):
        try:
            spec = importlib.util.find_spec(package)
        except (ImportError, ValueError):
            spec = None
        for location in (spec.submodule_search_locations or []) if spec else []:
            secrets.add(Path(location).resolve())
    # A bound folder inside the kit (a venv in the checkout) is fine: only it is bound.
    hidden = [secret for secret in secrets if secret.is_dir()
              and any(secret != path and secret.is_relative_to(path) for path in bound)]
    return _outermost(hidden)


def _outermost(paths: list[Path], skip: list[Path] = ()) -> list[Path]:
    """``paths`` without duplicates and without any path inside another (or inside ``skip``)."""
    result = []
    for path in sorted(set(paths)):
        if any(path.is_relative_to(outer) for outer in [*result, *skip]):
            continue
        result.append(path)
    return result


# -- resource limits ----------------------------------------------------------------------------
def limits(memory_mb: int | None):
    """A ``preexec_fn``: cap the worker's address space at ``memory_mb`` MiB and its files' size.

    On Linux the worker also gets SIGKILL when its grader dies, so that a grader killed
    for taking too long (``grade-class``) leaves no worker behind.
    """

    def apply() -> None:
        if _LIBC is not None:
            _LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if memory_mb:
            size = memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (size, size))
        file_size = FILE_SIZE_LIMIT_MB * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


def exit_signal(returncode: int | None) -> int | None:
    """The signal that ended a worker, from its exit status (bubblewrap reports 128 + signal)."""
    if returncode is None:
        return None
    if returncode < 0:
        return -returncode
    if returncode > 128 and mode() == "bwrap":
        return returncode - 128
    return None
