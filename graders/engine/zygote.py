"""Workers forked from a warm process (a zygote) instead of started cold.

A cold worker spends about 0.1 s starting Python and importing numpy before it loads the
student's module, and a worker of the mlp task 2.4 s more importing torch. A zygote is a worker
process started the same way (the same sandbox, limits and environment) that imports what
workers need and then only forks: each worker is a fresh child of it, with a session, limits,
folder and process-tree group of its own, so a hostile module still costs only its task. No
student code ever runs in the zygote itself.

One zygote per grader process, sandbox mode and environment (``_ZYGOTES``): a grade starts the
numpy tasks' zygote while pytest collects the checks (:func:`prestart`), so even its first worker is
forked. Elsewhere a zygote is started for the second worker that can use it (the first starts cold).
The mlp task's zygote also imports torch.

Under bubblewrap the zygote's sandbox shows a staging folder at ``/submission``: the submission's
files are linked (or copied) into it while no worker of the zygote is running, so that one
zygote serves one submission after another (the kit's tests grade hundreds) and a worker never
sees another submission. A submission too large to stage, a worker with environment of its own,
``DLGRADE_ZYGOTE=0``, a system other than Linux, or a zygote that fails in any way: the worker is
started cold, as before.

The grader learns a forked worker's pid as its own namespace numbers it from the kernel
(SCM_CREDENTIALS on the worker's socket, which the worker cannot forge), moves it into its
process-tree group, and only then lets it go on. The zygote reports each child's exit status.
"""
from __future__ import annotations

import atexit
import glob
import json
import multiprocessing.util
import os
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from graders.engine import sandbox
from graders.worker import server

ENV = "DLGRADE_ZYGOTE"            # "0": every worker starts cold
TORCH_PRELOAD = ("torch", "torch._dynamo")   # torch._dynamo: torch.optim imports it on first use
STAGE_LIMIT_BYTES = 64 * 1024**2  # a larger submission is not staged (its workers start cold)
STAGE_LIMIT_FILES = 2000
FOLDER_PREFIX = "dlgrade-zygote-"   # + the grader's pid: a later grader removes the folder of one that died
REPORT_TIMEOUT_S = 10.0   # a zygote that says nothing this long of a child it was waited for is ended


class ZygoteError(Exception):
    """The zygote did not answer as it should: the worker is started cold instead."""


class ForkedProcess:
    """A worker the zygote forked, with what ``Worker`` asks of a ``subprocess.Popen``."""

    def __init__(self, zygote: "Zygote", inner_pid: int):
        self.zygote = zygote
        self.inner_pid = inner_pid   # as the zygote's pid namespace numbers it
        self.pid: int | None = None  # as the grader's does (its process group's id too)
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            self.zygote.collect(0)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        """The exit code, as the zygote reports it. Without a ``timeout``, a zygote that does not report
        within REPORT_TIMEOUT_S (stopped by native code of a worker) is ended, and its workers with it."""
        deadline = time.monotonic() + (REPORT_TIMEOUT_S if timeout is None else timeout)
        while self.returncode is None:
            left = deadline - time.monotonic()
            if self.zygote.control is None:   # closed: its workers died with it
                self.returncode = -signal.SIGKILL
            elif left > 0:
                self.zygote.collect(left)
            elif timeout is None:
                self.zygote.close()
            else:
                raise subprocess.TimeoutExpired("worker", timeout)
        return self.returncode


class Zygote:
    """One warm process that forks workers (see the module's docstring)."""

    def __init__(self, env: dict[str, str], preload: tuple[str, ...]):
        self.mode = sandbox.mode()
        remove_stale()
        self.tmp = tempfile.TemporaryDirectory(prefix=f"{FOLDER_PREFIX}{os.getpid()}-")
        root = Path(self.tmp.name)
        self.stage = root / "submission"
        self.stage.mkdir()
        self.staged: Path | None = None
        self.children: dict[int, ForkedProcess] = {}
        self.forked: list[int] = []
        self.control, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        launch = sandbox.launch(root, self.stage, server.ZYGOTE, theirs.fileno())
        self.work = launch.cwd
        # Folders bubblewrap made in the work folder for what it mounts inside the sandbox's /tmp (a venv
        # under /tmp): removing one would take its mount away from the running sandbox.
        self.mount_points = _mount_points_in(launch.argv, sandbox.WORK_MOUNT)
        environment = {**env, **launch.env, server.PRELOAD_ENV: ",".join(preload)}
        with open(root / "startup.log", "wb") as log:
            self.proc = subprocess.Popen(
                launch.argv, pass_fds=[theirs.fileno()], cwd=launch.cwd, env=environment,
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log,
                preexec_fn=sandbox.limits(None), start_new_session=True,
            )
        theirs.close()
        self.owner = os.getpid()

    def alive(self) -> bool:
        return self.control is not None and self.proc.poll() is None

    def busy(self) -> bool:
        """Whether a worker it forked still runs (an ended one leaves ``children`` when its exit is reported)."""
        self.collect(0)
        return bool(self.children)

    # -- forking a worker ------------------------------------------------------------------
    def fork(self, submission_dir: Path, module: str, memory_mb: int | None, group, env: dict[str, str],
             timeout: float):
        """A new worker of ``module``: (its ForkedProcess, its TemporaryDirectory, the grader's end of its
        socket), or None where this zygote cannot serve it (another submission's workers still run)."""
        inside_submission = self._stage(submission_dir)
        if inside_submission is None:
            return None
        folder = tempfile.TemporaryDirectory(prefix="worker-", dir=self.work)
        inside_work = (f"{sandbox.WORK_MOUNT}/{Path(folder.name).name}" if self.mode == "bwrap" else folder.name)
        ours, theirs = socket.socketpair()
        ours.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
        # Under bubblewrap the student's code may write anywhere in the sandbox's own /tmp, as a worker
        # started cold may; it starts in a folder of its own there.
        writable = sandbox.WORK_MOUNT if self.mode == "bwrap" else inside_work
        request = {"module": module, "submission": inside_submission, "work": inside_work, "writable": writable,
                   "memory_mb": memory_mb, "env": {**env, "HOME": inside_work, "TMPDIR": inside_work}}
        deadline = time.monotonic() + timeout
        proc = None
        try:
            socket.send_fds(self.control, [json.dumps(request).encode()], [theirs.fileno()])
            theirs.close()
            proc = ForkedProcess(self, self._forked_pid(deadline))
            self.children[proc.inner_pid] = proc
            proc.pid = _said_hello(ours, deadline)
            if group is not None:
                group.add(proc.pid)   # before it runs anything of the student's
            ours.sendall(b"G")
        except BaseException:
            ours.close()   # a child waiting for its go ends
            theirs.close()
            if proc is not None:
                self.children.pop(proc.inner_pid, None)
            folder.cleanup()
            raise
        return proc, folder, ours

    def _stage(self, submission_dir: Path) -> str | None:
        """Where the worker finds the submission: under bubblewrap, the staging folder, filled anew
        whenever none of this zygote's workers runs (None: another submission's still do)."""
        if self.mode != "bwrap":
            return str(submission_dir)
        if self.busy():
            return sandbox.SUBMISSION_MOUNT if self.staged == submission_dir else None
        if not _small(submission_dir):
            return None
        self.staged = None
        # What the last submission's workers left in the sandbox's /tmp goes too.
        if not (_emptied(self.stage) and _emptied(self.work, keep=self.mount_points)):
            return None
        shutil.copytree(submission_dir, self.stage, symlinks=True, dirs_exist_ok=True, copy_function=_link_or_copy)
        self.stage.chmod(0o755)   # copytree gave it the submission's mode: the next staging must empty it
        self.staged = submission_dir
        return sandbox.SUBMISSION_MOUNT

    def _forked_pid(self, deadline: float) -> int:
        while not self.forked:
            left = deadline - time.monotonic()
            if left <= 0 or self.control is None:
                raise ZygoteError("the zygote did not fork a worker")
            self.collect(left)
        return self.forked.pop(0)

    # -- what the zygote says ------------------------------------------------------------------
    def collect(self, timeout: float | None) -> None:
        """Read what the zygote said within ``timeout`` s (None: until it says something): forks and exits."""
        if self.control is None:
            return
        ready, _, _ = select.select([self.control], [], [], timeout)
        while ready:
            try:
                data = self.control.recv(1 << 16, socket.MSG_DONTWAIT)
            except BlockingIOError:
                return
            except OSError:
                data = b""
            if not data or not self._read(data):
                self.close()
                return

    def _read(self, data: bytes) -> bool:
        """Take in one message of the zygote's; False for one it never sends (native code of a worker can
        reach the zygote, which shares its sandbox: such a zygote is ended, not believed)."""
        try:
            message = json.loads(data)
            if "forked" in message:
                self.forked.append(int(message["forked"]))
            else:
                pid, code = int(message["exited"]), int(message["code"])
                child = self.children.pop(pid, None)
                if child is not None:
                    child.returncode = code
        except (ValueError, TypeError, KeyError, RecursionError):
            return False
        return True

    def close(self) -> None:
        """End the zygote, and with it every worker it forked (they die with it)."""
        for child in self.children.values():
            if child.returncode is None:
                child.returncode = -signal.SIGKILL
        self.children.clear()
        if self.control is not None:
            self.control.close()
            self.control = None
        if os.getpid() != self.owner:   # a forked copy of the grader: the zygote is its parent's
            return
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.proc.wait()
        self.tmp.cleanup()


def _said_hello(sock: socket.socket, deadline: float) -> int:
    """The pid of the process that sent the worker's first byte, as the kernel gives it to this process."""
    size = socket.CMSG_SPACE(struct.calcsize("3i"))
    sock.settimeout(max(deadline - time.monotonic(), 1e-3))
    try:
        data, ancillary, _, _ = sock.recvmsg(1, size)
    except socket.timeout:
        raise ZygoteError("a forked worker did not start in time") from None
    finally:
        sock.settimeout(None)
    for level, kind, value in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS and data == b"H":
            return struct.unpack("3i", value[:struct.calcsize("3i")])[0]
    raise ZygoteError("a forked worker's first message was not its hello")


def _mount_points_in(argv: list[str], place: str) -> frozenset[str]:
    """The names in ``place`` under which bubblewrap's options ``argv`` mount something."""
    two = ("--bind", "--ro-bind", "--bind-try", "--ro-bind-try", "--dev-bind", "--dev-bind-try", "--symlink")
    one = ("--tmpfs", "--dir", "--proc", "--dev", "--mqueue")
    targets = [argv[i + 2] for i, arg in enumerate(argv[:-2]) if arg in two]
    targets += [argv[i + 1] for i, arg in enumerate(argv[:-1]) if arg in one]
    return frozenset(Path(t).relative_to(place).parts[0] for t in targets
                     if Path(t).is_relative_to(place) and Path(t) != Path(place))


def _emptied(folder: Path, keep=frozenset()) -> bool:
    """Remove what ``folder`` holds but the names in ``keep`` (folders a student's code made read-only
    included); whether nothing else is left."""
    def writable_then_again(function, path, _):
        try:
            os.chmod(os.path.dirname(path), 0o700)
            if os.path.isdir(path) and not os.path.islink(path):
                os.chmod(path, 0o700)
            function(path)
        except OSError:
            pass

    for entry in folder.iterdir():
        if entry.name in keep:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, onerror=writable_then_again)
        else:
            entry.unlink(missing_ok=True)
    return not any(entry.name not in keep for entry in folder.iterdir())


def _small(folder: Path) -> bool:
    files = size = 0
    for root, dirs, names in os.walk(folder):
        files += len(names) + len(dirs)
        size += sum(os.lstat(os.path.join(root, name)).st_size for name in names)
        if files > STAGE_LIMIT_FILES or size > STAGE_LIMIT_BYTES:
            return False
    return True


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


# -- the zygotes of this process ------------------------------------------------------------------
_ZYGOTES: dict[tuple, Zygote] = {}
_COLD_STARTS: set[tuple] = set()   # keys whose first worker started cold


def fork(submission_dir: Path, module: str, *, memory_mb: int | None, group, env: dict[str, str],
         child_env: dict[str, str], preload: tuple[str, ...], timeout: float):
    """A worker forked from this process's zygote for ``env`` and ``preload`` (started if need be):
    see :meth:`Zygote.fork`; None where the worker is to start cold instead."""
    if not _enabled():
        return None
    key = _key(env, preload)
    _close_idle(lambda other: other[0] == key[0] and other[3] != preload)
    # Unless the grader started one ahead (prestart), a zygote pays off from a process's second worker:
    # the first starts cold. Where a GPU is, torch stays out of zygotes: a CUDA driver initialised before
    # a fork does not work in the child.
    if key not in _ZYGOTES and (key not in _COLD_STARTS or (preload and glob.glob("/dev/nvidia*"))):
        _COLD_STARTS.add(key)
        return None
    zygote = _started(key, env, preload)
    if zygote is None:
        return None
    try:
        return zygote.fork(submission_dir, module, memory_mb, group, child_env, timeout)
    except (OSError, ZygoteError, ValueError) as exc:
        if isinstance(exc, ZygoteError) or not zygote.alive():   # start another one next time
            zygote.close()
            _ZYGOTES.pop(key, None)
        return None


def prestart(env: dict[str, str], preload: tuple[str, ...] = ()) -> None:
    """Start this process's zygote for ``env`` and ``preload`` now: it imports numpy while the grader collects
    its checks, and the grade's first worker is forked too, not started cold."""
    if _enabled():
        _started(_key(env, preload), env, preload)


def _enabled() -> bool:
    """Whether workers may be forked here: not with ``DLGRADE_ZYGOTE=0``, and only on Linux (SCM_CREDENTIALS,
    prctl)."""
    return os.environ.get(ENV, "1") != "0" and sys.platform.startswith("linux")


def _key(env: dict[str, str], preload: tuple[str, ...]) -> tuple:
    return os.getpid(), sandbox.mode(), tuple(sorted(env.items())), preload


def _started(key: tuple, env: dict[str, str], preload: tuple[str, ...]) -> Zygote | None:
    """This process's running zygote for ``key``, started if need be (None where one cannot start)."""
    zygote = _ZYGOTES.get(key)
    if zygote is not None and zygote.alive():
        return zygote
    if zygote is not None:
        zygote.close()
    if not any(other[0] == key[0] for other in _ZYGOTES):
        # A forked copy of a grading session (grade --jobs) ends with os._exit, without atexit's
        # handlers but with these: its zygotes and their folders go with it.
        multiprocessing.util.Finalize(None, close_all, exitpriority=0)
    try:
        zygote = _ZYGOTES[key] = Zygote(env, preload)
    except (OSError, sandbox.SandboxError):
        _ZYGOTES.pop(key, None)
        return None
    return zygote


def _close_idle(which) -> None:
    """End the zygotes whose key ``which`` accepts and whose workers have all ended: the numpy tasks' once
    the mlp task's worker starts (a grade holds its memory for the mlp worker, not for an idle zygote)."""
    for key in [key for key in _ZYGOTES if which(key)]:
        if not _ZYGOTES[key].busy():
            _ZYGOTES.pop(key).close()


def remove_stale() -> None:
    """Remove the folders of zygotes whose grader no longer runs (killed, or ended without its exit handlers)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{FOLDER_PREFIX}*-*"):
        pid = folder.name[len(FOLDER_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists() and _emptied(folder):
            folder.rmdir()


@atexit.register
def close_all() -> None:
    """End this process's zygotes (and so the workers they forked)."""
    for key in [key for key in _ZYGOTES if key[0] == os.getpid()]:
        _ZYGOTES.pop(key).close()
