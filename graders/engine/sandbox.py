"""How a worker process is confined: the command line that starts it, and its resource limits.

Two modes, chosen once per grader process by ``DLGRADE_SANDBOX``:

- ``auto`` (default): bubblewrap where it works on this machine (probed once), else ``none``.
- ``bwrap``: the worker runs in a bubblewrap sandbox: new namespaces for everything
  (no network, its own process tree), no capabilities, a read-only view of only what
  Python and its libraries need (at their own paths, wherever they are installed), the
  submission read-only at ``/submission``, a private writable ``/tmp`` that is also its
  working folder. The kit (reference solutions, grader suites, tests, its git history)
  is not in that view: where one of its folders lies inside a visible one (a kit
  installed into site-packages), an empty folder covers it; the worker's own files are
  bound alone at ``/dlgrade-worker``. It is an error to ask for this mode where
  bubblewrap does not work.
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

from graders.kit import KIT_ROOT, WORKER
from graders.points import ConfigError

ENV = "DLGRADE_SANDBOX"
MODES = ("auto", "bwrap", "none")
WORKER_FILES = ("server.py", "wire.py", "guard.py")
FILE_SIZE_LIMIT_MB = 512        # the largest file a worker may write
SYSTEM_DIRS = ("usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32")
ETC_FILES = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "alternatives", "localtime", "passwd",
             "group", "nsswitch.conf", "fonts", "mime.types", "os-release")
#: Where things are inside the sandbox.
SUBMISSION_MOUNT, WORK_MOUNT, WORKER_MOUNT = "/submission", "/tmp", "/dlgrade-worker"
#: The sandbox's own places: a folder that holds one of them cannot be bound whole.
OWN_PLACES = ("/etc", "/proc", "/dev", "/sys", WORK_MOUNT, SUBMISSION_MOUNT, WORKER_MOUNT)
#: The kit's folders a worker must not see: its packages (in a checkout or installed) and its history.
KIT_PACKAGES = ("solutions", "graders", "exercises", "tests")
SECRET_FOLDERS = (*KIT_PACKAGES, ".git")
PROBE_TIMEOUT_S = 30
INSTALL_FIX = "sudo apt-get install bubblewrap  (Fedora: sudo dnf install bubblewrap)"
KEEP_SYSCTL = "put it in /etc/sysctl.d/ to keep it after a reboot"
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


@dataclass(frozen=True)
class Diagnosis:
    """Whether bubblewrap works here; if not, why (a clause for the report) and what fixes it (for doctor)."""

    works: bool
    reason: str = ""
    fix: str = ""


@functools.cache
def diagnosis() -> Diagnosis:
    """Start Python in a bubblewrap sandbox built as for a worker, and say how it went (run once)."""
    if shutil.which("bwrap") is None:
        return Diagnosis(False, "bubblewrap is not installed", INSTALL_FIX)
    with tempfile.TemporaryDirectory(prefix="dlgrade-probe-") as tmp:
        submission, work = Path(tmp, "submission"), Path(tmp, "work")
        submission.mkdir()
        work.mkdir()
        argv = bwrap_argv(submission, work) + [sys.executable, "-I", "-S", "-c", "import sys"]
        try:
            done = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, timeout=PROBE_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            return Diagnosis(False, f"bubblewrap did not start Python within {PROBE_TIMEOUT_S} s",
                             "find out why `bwrap --ro-bind / / true` hangs on this machine")
        except OSError as exc:
            return Diagnosis(False, f"bubblewrap could not be started ({exc})", f"make bwrap runnable ({exc})")
    if done.returncode == 0:
        return Diagnosis(True)
    lines = done.stderr.decode(errors="replace").strip().splitlines()
    said = [line for line in lines if line.startswith("bwrap:")] or lines
    return failure(said[-1].strip() if said else f"bwrap exited with status {done.returncode}")


def failure(error: str) -> Diagnosis:
    """Why bubblewrap failed with ``error`` (its last word), and the fix that applies on this machine."""
    if not any(sign in error for sign in ("namespace", "uid map", "gid map", "loopback:", "unshare")):
        return Diagnosis(False, f"bubblewrap could not start Python in a sandbox ({error})",
                         f"what bubblewrap reports: {error}")
    if "does not support user namespaces" in error:
        return Diagnosis(False, f"this kernel has no user namespaces ({error})",
                         "install bubblewrap setuid root (sudo chmod u+s \"$(command -v bwrap)\"), "
                         "or use a kernel built with user namespaces")
    if _sysctl("kernel/apparmor_restrict_unprivileged_userns") == "1":
        return Diagnosis(False, f"AppArmor does not allow unprivileged user namespaces here ({error})",
                         "sudo sysctl kernel.apparmor_restrict_unprivileged_userns=0  (Ubuntu 23.10 and "
                         f"later; {KEEP_SYSCTL}; or give bwrap an AppArmor profile that allows them)")
    if _sysctl("kernel/unprivileged_userns_clone") == "0":
        return Diagnosis(False, f"this kernel does not allow unprivileged user namespaces ({error})",
                         f"sudo sysctl kernel.unprivileged_userns_clone=1  ({KEEP_SYSCTL})")
    if _sysctl("user/max_user_namespaces") == "0":
        return Diagnosis(False, f"user namespaces are turned off, user.max_user_namespaces is 0 ({error})",
                         f"sudo sysctl user.max_user_namespaces=10000  ({KEEP_SYSCTL})")
    return Diagnosis(False, f"user namespaces are not allowed here ({error})",
                     "allow unprivileged user namespaces where the grader runs: in a container, its seccomp "
                     "and AppArmor profiles forbid them (e.g. docker run --security-opt seccomp=unconfined "
                     "--security-opt apparmor=unconfined), or grade outside the container")


def _sysctl(name: str) -> str | None:
    """The value of the kernel setting ``/proc/sys/<name>``, or None where this kernel has none."""
    try:
        return Path("/proc/sys", name).read_text().strip()
    except OSError:
        return None


def probe() -> tuple[bool, str]:
    """:func:`diagnosis` as ``(works, reason)``."""
    found = diagnosis()
    return found.works, found.reason


def mode() -> str:
    """``"bwrap"`` or ``"none"``: how this process confines its workers."""
    wanted = requested()
    if wanted == "none":
        return "none"
    found = diagnosis()
    if found.works:
        return "bwrap"
    if wanted == "bwrap":
        raise SandboxError(f"{ENV}=bwrap, but {found.reason}. Fix: {found.fix}; or unset {ENV}.")
    return "none"


def describe() -> str:
    """One line for the report: how student code was confined."""
    if mode() == "bwrap":
        return ("student code ran in a bubblewrap sandbox (read-only submission, no network, "
                "private /tmp, reference and graders not visible)")
    reason = f"the sandbox was turned off ({ENV}=none)" if requested() == "none" else diagnosis().reason
    return (f"process isolation only: {reason}; student code ran in separate processes with time "
            "and memory limits, but without a filesystem sandbox")


UNSAFE_FLAG = "--unsafe-no-sandbox"
UNSAFE_HELP = ("grade even where bubblewrap does not work: the student's code can then read the reference "
               "solutions and change any file you can (docs/isolation.md)")


def refuse_unsandboxed(submission: Path, allowed: bool) -> None:
    """For the instructor's grading commands: a SandboxError where student code would run without the
    sandbox only because bubblewrap does not work here, unless someone asked for that by name (the
    command's UNSAFE_FLAG, ``allowed``, or DLGRADE_SANDBOX=none). The kit's own solutions/ and
    exercises/ are not student code."""
    if allowed or requested() != "auto" or mode() == "bwrap":
        return
    if Path(submission).resolve() in {KIT_ROOT / "solutions", KIT_ROOT / "exercises"}:
        return
    found = diagnosis()
    raise SandboxError(f"not graded: the student's code would run without the sandbox, because {found.reason}; "
                       "it could then read the reference solutions and change any file you can. "
                       f"Fix: {found.fix}. To grade anyway, trusting the submissions: add {UNSAFE_FLAG} "
                       f"(or set {ENV}=none)")


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
            shutil.copyfile(WORKER / name, copies / name)
        server, submission, home, prefix = str(copies / "server.py"), str(submission_dir), str(work), []
    env.update(HOME=home, TMPDIR=home)
    argv = prefix + [sys.executable, "-I", "-S", "-B", server, str(fd), submission, module]
    return Launch(argv, env, work)


def bwrap_argv(submission_dir: Path, work: Path) -> list[str]:
    """bubblewrap's options: what the sandbox sees, and nothing of the kit.

    Each mount goes on top of the ones before it, so the order matters. First the places
    every sandbox has (system folders, /etc, /proc, /dev, the private /tmp); then Python's
    folders at their own paths, wherever they are (a venv under /tmp lands on top of the
    private /tmp instead of under it); then empty folders over the kit's folders among
    them; last the submission and the worker's files, at names of their own.
    """
    argv = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL"]
    for name in SYSTEM_DIRS:
        path = Path("/", name)
        if path.is_symlink():
            argv += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            argv += ["--ro-bind", str(path), str(path)]
    argv += [arg for name in ETC_FILES for arg in ("--ro-bind-try", f"/etc/{name}", f"/etc/{name}")]
    argv += ["--proc", "/proc", "--dev", "/dev", "--ro-bind-try", "/sys", "/sys"]
    for device in sorted(glob.glob("/dev/nvidia*")) + sorted(glob.glob("/dev/dri")):
        argv += ["--dev-bind-try", device, device]   # CUDA for the mlp task
    argv += ["--bind", str(work), WORK_MOUNT]
    bound = python_dirs()
    for path in bound:
        argv += ["--ro-bind", str(path), str(path)]
    for path in hidden_dirs(bound):
        argv += ["--tmpfs", str(path)]
    argv += ["--ro-bind", str(Path(submission_dir).resolve()), SUBMISSION_MOUNT]
    for name in WORKER_FILES:
        argv += ["--ro-bind", str(WORKER / name), f"{WORKER_MOUNT}/{name}"]
    return argv + ["--chdir", WORK_MOUNT, "--remount-ro", "/"]


def site_dirs() -> list[str]:
    """The grader's site-packages folders: the worker adds them itself, without their .pth files."""
    seen = []
    for entry in sys.path:
        if entry and Path(entry).name in ("site-packages", "dist-packages") and Path(entry).is_dir():
            if entry not in seen:
                seen.append(entry)
    return seen


def python_dirs() -> list[Path]:
    """Folders Python needs outside the system folders, each bound at its own path: its prefixes,
    site-packages, and the folders of LD_LIBRARY_PATH (where some GPU machines keep the CUDA
    driver's libraries). A folder that holds one of the sandbox's own places (``/``, ``/tmp``)
    cannot be bound whole and is left out."""
    system = [Path("/", name) for name in SYSTEM_DIRS]
    places = [Path(place) for place in OWN_PLACES]
    usable = [path for path in _python_folders() if not any(place.is_relative_to(path) for place in places)]
    return _outermost(usable, skip=system)


def _python_folders() -> list[Path]:
    """Every folder :func:`python_dirs` starts from, as Python names them."""
    candidates = [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
                  str(Path(sys.executable).resolve().parent.parent), *site_dirs(),
                  *(p for p in os.environ.get("LD_LIBRARY_PATH", "").split(os.pathsep) if os.path.isabs(p))]
    # Not resolved: the worker looks for them at those paths.
    return [Path(c).absolute() for c in candidates if c and Path(c).is_dir()]


def hidden_dirs(bound: list[Path]) -> list[Path]:
    """Where the kit's folders show inside the sandbox: in a bound folder or a system folder (a kit
    installed into site-packages, a checkout under /usr/src). Each gets an empty folder on top.

    A folder that holds one Python needs is never covered: a kit installed into site-packages
    is hidden package by package, a checkout that is itself a venv folder by folder.
    """
    needed = [path.resolve() for path in _python_folders()]
    system = [Path("/", name) for name in SYSTEM_DIRS if not Path("/", name).is_symlink()]
    hidden = []
    for secret in kit_dirs():
        if any(path.is_relative_to(secret) for path in needed):
            continue
        for place in [*bound, *system]:
            real = place.resolve()
            if secret.is_relative_to(real):
                hidden.append(place / secret.relative_to(real))
    return _outermost(hidden)


def kit_dirs() -> list[Path]:
    """The kit's folders, resolved: its root, the secret folders in it, and the packages Python imports."""
    found = {KIT_ROOT, *(KIT_ROOT / name for name in SECRET_FOLDERS)}
    for package in KIT_PACKAGES:
        try:
            spec = importlib.util.find_spec(package)
        except (ImportError, ValueError):
            continue
        locations = (spec.submodule_search_locations or []) if spec else []
        found.update(Path(location).resolve() for location in locations)
    return sorted(path for path in found if path.is_dir())


def _outermost(paths: list[Path], skip: list[Path] = ()) -> list[Path]:
    """``paths`` without duplicates and without any path inside another (or inside ``skip``)."""
    result = []
    for path in sorted(set(paths)):
        if any(path.is_relative_to(outer) for outer in [*result, *skip]):
            continue
        result.append(path)
    return result


# -- resource limits ----------------------------------------------------------------------------
def limits(memory_mb: int | None, group=None):
    """A ``preexec_fn``: cap the worker's address space at ``memory_mb`` MiB and its files' size,
    and move it into ``group`` (a ``process_tree.TreeGroup``, which limits it with its children).

    On Linux the worker also gets SIGKILL when its grader dies, so that a grader killed
    for taking too long (``grade-class``) leaves no worker behind.
    """

    def apply() -> None:
        die_with_parent()
        if group is not None:
            group.join()
        if memory_mb:
            size = memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (size, size))
        file_size = FILE_SIZE_LIMIT_MB * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


def die_with_parent(parent_pid: int | None = None) -> None:
    """On Linux, have this process SIGKILLed when its parent dies (even by SIGKILL); if the parent
    ``parent_pid`` is already gone, exit now (it may have died before this was asked)."""
    if _LIBC is None:
        return
    _LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if parent_pid is not None and os.getppid() != parent_pid:
        os._exit(1)


def exit_signal(returncode: int | None) -> int | None:
    """The signal that ended a worker, from its exit status (bubblewrap reports 128 + signal)."""
    if returncode is None:
        return None
    if returncode < 0:
        return -returncode
    if returncode > 128 and mode() == "bwrap":
        return returncode - 128
    return None
