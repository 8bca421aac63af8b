"""Limits for a worker's whole process tree: a control group (cgroup) of its own.

``sandbox.limits`` caps each process (address space, file size), and a submission that forks
gets those caps again for every child. A cgroup caps the tree together: past its memory the
kernel kills a process of the group (the worker, typically), past its task count ``fork`` and
thread creation fail. Each worker gets one where this user can make cgroups:

- cgroup v2, where the grader's own group hands the ``memory`` and ``pids`` controllers to its
  children (``cgroup.subtree_control``: a systemd unit with ``Delegate=yes``, a container's root);
- cgroup v1's ``memory`` and ``pids`` hierarchies, where they are writable (root, in many
  containers).

Elsewhere :func:`create` returns None and the worker may start no process at all (the grader
sets ``NO_CHILDREN_ENV``): a seccomp filter refuses fork natively where libseccomp is installed
(``guard.refuse_children``), the worker's guard rails refuse it from Python in any case. Its tree
is then one process, bounded by its own caps. The grader's note says which bound holds
(:func:`describe`).
"""
from __future__ import annotations

import ctypes
import functools
import itertools
import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

MiB = 1024 * 1024
#: Memory of a worker and everything it starts, together (resident memory and page cache): with
#: the grader's own ~100 MiB, a grading tree stays under 2.5 GiB.
TREE_MEMORY_MB = 2304
#: Processes and threads of a worker's tree: BLAS and PyTorch start a thread per core, so the
#: limit grows with the machine; a fork bomb meets it all the same.
TREE_TASKS = 2 * (os.cpu_count() or 1) + 64
#: Set in a worker's environment where it gets no group: it may start no process.
NO_CHILDREN_ENV = "DLGRADE_NO_CHILDREN"
_PREFIX = "dlgrade-worker-"
_serial = itertools.count()


@dataclass(frozen=True)
class TreeGroup:
    """One worker's cgroup: its folder in each hierarchy that limits it (v2: one; v1: memory, pids)."""

    version: int
    memory: Path
    tasks: Path

    def join(self) -> None:
        """Move the calling process into the group (run in the worker's ``preexec_fn``)."""
        self.add(os.getpid())

    def add(self, pid: int) -> None:
        """Move process ``pid`` into the group (a worker forked by a zygote, before it runs anything)."""
        for folder in {self.memory, self.tasks}:
            (folder / "cgroup.procs").write_text(str(pid))

    def memory_killed(self) -> bool:
        """Whether the kernel killed a process of the group for going over its memory."""
        name = "memory.events" if self.version == 2 else "memory.oom_control"
        return _counter(self.memory / name, "oom_kill") > 0

    def tasks_refused(self) -> bool:
        """Whether a fork or thread of the group was refused for going over the task limit."""
        return _counter(self.tasks / "pids.events", "max") > 0

    def peak_bytes(self) -> int | None:
        """The most memory the group has held (None where the kernel does not say)."""
        name = "memory.peak" if self.version == 2 else "memory.max_usage_in_bytes"
        try:
            return int((self.memory / name).read_text())
        except (OSError, ValueError):
            return None

    def remove(self) -> None:
        """Kill whatever is left in the group, then remove it."""
        for folder in {self.memory, self.tasks}:
            _empty_and_remove(folder)


def create(memory_mb: int = TREE_MEMORY_MB, tasks: int = TREE_TASKS) -> TreeGroup | None:
    """A new group with these limits, or None where this user cannot make one."""
    parents = _parents()
    if parents is None:
        return None
    version, memory_parent, tasks_parent = parents
    name = f"{_PREFIX}{os.getpid()}-{next(_serial)}"
    group = TreeGroup(version, memory_parent / name, tasks_parent / name)
    try:
        for folder in {group.memory, group.tasks}:
            folder.mkdir()
        if version == 2:
            (group.memory / "memory.max").write_text(str(memory_mb * MiB))
            _write_if_there(group.memory / "memory.swap.max", "0")
        else:
            (group.memory / "memory.limit_in_bytes").write_text(str(memory_mb * MiB))
            _write_if_there(group.memory / "memory.memsw.limit_in_bytes", str(memory_mb * MiB))
        (group.tasks / "pids.max").write_text(str(tasks))
    except OSError:
        group.remove()
        return None
    return group


def available() -> bool:
    """Whether workers here get a group of their own."""
    return _parents() is not None


def describe() -> str:
    """One line for the grader's notes: how a worker's process tree is bounded here."""
    parents = _parents()
    if parents is None:
        refused = ("a seccomp filter refuses them" if seccomp_installed()
                   else "only the guard rails refuse them (no libseccomp: native code could still fork)")
        return ("this machine lets the grader make no cgroup, so a worker may start no processes "
                f"({refused}) and its one process keeps its own memory cap")
    return (f"a worker and the processes it starts share one memory limit (the task's, {TREE_MEMORY_MB} MiB "
            f"by default) and {TREE_TASKS} processes and threads (cgroup v{parents[0]})")


@functools.lru_cache(maxsize=None)
def _parents() -> tuple[int, Path, Path] | None:
    """(version, memory parent, tasks parent): where this process may make limited groups."""
    try:
        own = _own_groups()
        mounts = _mounts()
    except OSError:
        return None
    if "" in own and "cgroup2" in mounts:
        folder = mounts["cgroup2"] / own[""].lstrip("/")
        if {"memory", "pids"} <= set(_read(folder / "cgroup.subtree_control").split()) and _writable(folder):
            _remove_stale(folder)
            return 2, folder, folder
    if "memory" in own and "pids" in own and "memory" in mounts and "pids" in mounts:
        memory = mounts["memory"] / own["memory"].lstrip("/")
        tasks = mounts["pids"] / own["pids"].lstrip("/")
        if _writable(memory) and _writable(tasks):
            _remove_stale(memory)
            _remove_stale(tasks)
            return 1, memory, tasks
    return None


@functools.lru_cache(maxsize=None)
def seccomp_installed() -> bool:
    """Whether libseccomp is here, for the worker's filter (``guard.refuse_children``)."""
    try:
        ctypes.CDLL("libseccomp.so.2")
    except OSError:
        return False
    return True


def _own_groups() -> dict[str, str]:
    """Controller (v1) or "" (v2) -> this process's group path, from /proc/self/cgroup."""
    groups = {}
    for line in Path("/proc/self/cgroup").read_text().splitlines():
        _, controllers, path = line.split(":", 2)
        for controller in controllers.split(",") if controllers else [""]:
            groups[controller] = path
    return groups


def _mounts() -> dict[str, Path]:
    """"cgroup2" and each v1 controller (memory, pids) -> where its hierarchy is mounted."""
    mounts = {}
    for line in Path("/proc/self/mountinfo").read_text().splitlines():
        fields = line.split()
        dash = fields.index("-")
        fstype, options = fields[dash + 1], fields[dash + 3].split(",")
        point = Path(fields[4].replace("\\040", " "))
        if fstype == "cgroup2":
            mounts.setdefault("cgroup2", point)
        elif fstype == "cgroup":
            for controller in ("memory", "pids"):
                if controller in options:
                    mounts.setdefault(controller, point)
    return mounts


def _writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK | os.X_OK)


def _remove_stale(folder: Path) -> None:
    """Remove the groups a grader that died left behind (their names carry its pid)."""
    for stale in folder.glob(f"{_PREFIX}*"):
        pid = stale.name.removeprefix(_PREFIX).split("-", 1)[0]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            _empty_and_remove(stale)


def _empty_and_remove(folder: Path) -> None:
    for _ in range(50):
        try:
            folder.rmdir()
            return
        except FileNotFoundError:
            return
        except OSError:   # busy: processes are still in it
            for pid in _read(folder / "cgroup.procs").split():
                try:
                    os.kill(int(pid), signal.SIGKILL)
                except (ProcessLookupError, ValueError):
                    pass
            time.sleep(0.01)


def _counter(path: Path, key: str) -> int:
    """``key``'s number in a flat-keyed cgroup file (``oom_kill 1``)."""
    for line in _read(path).splitlines():
        name, _, value = line.partition(" ")
        if name == key and value.strip().isdigit():
            return int(value)
    return 0


def _read(path: Path) -> str:
    try:
        return path.read_text()
    except OSError:
        return ""


def _write_if_there(path: Path, value: str) -> None:
    if path.exists():
        try:
            path.write_text(value)
        except OSError:
            pass
