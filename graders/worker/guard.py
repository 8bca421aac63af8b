"""Guard rails inside the worker: an audit hook that refuses what a submission has no business doing.

This is not a sandbox. It sees only what Python announces through audit events
(PEP 578), so native code (ctypes, C extensions) or monkeypatching ``os`` can get
past it; where bubblewrap works, the sandbox is the barrier and these rails only
give the same, readable reason in both modes. Without bubblewrap they are what
stops ordinary Python code from:

- writing anywhere but the worker's private folder (and /dev/null);
- reading files outside the submission, the worker's folder, Python's own folders
  and the system folders, any folder named ``solutions`` or ``graders`` there
  included, or another process's /proc entry (its ``stat`` line excepted);
- opening or changing into folders outside the submission and the private folder;
- signalling processes other than itself and its children;
- running programs, forking from a forked child, or using the network (name lookups included);
- starting any process at all, where the grader has no cgroup to bound the worker's tree
  (``install(..., children=False)``): then a seccomp filter refuses it too, natively
  (:func:`refuse_children`), which no Python code can undo.

Some operations Python announces to no audit hook (CPython 3.11): starting a program through
``_posixsubprocess.fork_exec``, ``os.pidfd_open`` (whose descriptor ``signal.pidfd_send_signal``
signals), ``os.mkfifo`` and ``os.mknod``. The guard stands in for those functions in the worker
and asks them the same questions; a hard link is refused unless both of its names may be written,
and a file with other hard links may not be opened for writing.

A refused operation raises ``PermissionError`` in the student's code, which the
grader reports like any exception the student's code raised. An audit hook cannot
be removed, but a student who sets out to defeat this one from Python (patching
``os`` or this module) can: that is what the bubblewrap sandbox is for.
"""
from __future__ import annotations

import _posixsubprocess
import ctypes
import errno
import os
import posix
import stat
import sys

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC
SECRET_NAMES = frozenset({"solutions", "graders"})
SYSTEM_ROOTS = ("/usr", "/lib", "/lib32", "/lib64", "/libx32", "/bin", "/sbin", "/etc", "/dev", "/sys",
                "/proc")
#: Audited operations that change the filesystem, with the positions of the paths they change.
WRITE_EVENTS = {
    "os.remove": (0,), "os.rmdir": (0,), "os.mkdir": (0,), "os.rename": (0, 1), "os.chmod": (0,),
    "os.chown": (0,), "os.chflags": (0,), "os.link": (0, 1), "os.symlink": (1,), "os.truncate": (0,),
    "os.utime": (0,), "os.setxattr": (0,), "os.removexattr": (0,), "shutil.rmtree": (0,),
    "shutil.chown": (0,),
}
PROGRAM_EVENTS = frozenset({"subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn",
                            "os.startfile", "pty.spawn"})
NETWORK_EVENTS = frozenset({"socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg",
                            "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
                            "socket.getnameinfo"})


#: What a refused operation raises in the student's code.
Refused = PermissionError
NO_CHILDREN = ("a submission may not start processes on this grader: it cannot limit their memory "
               "together (no cgroup), so compute in the process that runs your function")
#: The constants of libseccomp's seccomp.h (stable ABI) and the kernel's CLONE_THREAD.
SCMP_ACT_ALLOW, SCMP_ACT_ERRNO, SCMP_CMP_MASKED_EQ, SCMP_FLTATR_CTL_TSYNC = 0x7FFF0000, 0x00050000, 7, 4
CLONE_THREAD = 0x00010000


class _ArgumentTest(ctypes.Structure):
    """libseccomp's ``struct scmp_arg_cmp``: (argument number, comparison, two 64-bit operands)."""

    _fields_ = [("arg", ctypes.c_uint), ("op", ctypes.c_int), ("a", ctypes.c_uint64), ("b", ctypes.c_uint64)]


def install(submission_dir: str, work_dir: str, *, children: bool = True) -> None:
    """Install the hook for the rest of the worker's life; ``children=False`` refuses every fork."""
    real = os.path.realpath
    submission, work = real(submission_dir), real(work_dir)
    python = [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix]
    python += [p for p in sys.path if p and os.path.isabs(p)]
    read_roots = tuple(sorted({real(p) for p in (*python, *SYSTEM_ROOTS,
                                                  os.path.dirname(os.path.abspath(__file__)))}))
    policy = (submission, work, read_roots, os.getpid() if children else None)

    def hook(event, args):
        if event in _CHECKED:
            _check(event, args, policy)

    sys.addaudithook(hook)
    _stand_in_for_unaudited(work)


def _stand_in_for_unaudited(work: str) -> None:
    """Replace the functions that raise no audit event with ones that ask the guard first.

    Replaced in every module that holds them (``os`` and ``posix`` share theirs); code that
    reloads those modules or calls the C functions directly gets past this, as it gets past
    the audit hook: that is what bubblewrap is for.
    """
    def no_programs(*args, **kwargs):
        raise Refused("a submission may not run other programs")

    _posixsubprocess.fork_exec = no_programs
    subprocess = sys.modules.get("subprocess")   # imported earlier, it holds fork_exec itself
    if hasattr(subprocess, "_fork_exec"):
        subprocess._fork_exec = no_programs

    def guarded(original, check):
        def stand_in(*args, **kwargs):
            check(*args, **kwargs)
            return original(*args, **kwargs)
        stand_in.__name__ = stand_in.__qualname__ = original.__name__
        return stand_in

    def need_signal(pid, *args, **kwargs):
        _need_signal("os.kill", pid)

    def need_write(path, *args, dir_fd=None, **kwargs):
        if dir_fd is not None:
            raise Refused("a submission may only make files by their path")
        _need_write(_real(path), work)

    for name, check in (("pidfd_open", need_signal), ("mkfifo", need_write), ("mknod", need_write)):
        original = getattr(posix, name, None)
        if original is not None:
            for module in (os, posix):
                setattr(module, name, guarded(original, check))


def refuse_children() -> bool:
    """Have the kernel refuse this process (all its threads) every new process from now on:
    ``fork``, ``vfork`` and ``clone`` without CLONE_THREAD fail with EPERM; threads stay allowed.
    ``clone3`` fails as not implemented, so the C library makes its threads with ``clone``
    (clone3's flags lie behind a pointer that a seccomp filter cannot read). A filter cannot be
    removed. Returns False where libseccomp or seccomp is missing (the guard's refusal remains).
    """
    try:
        lib = ctypes.CDLL("libseccomp.so.2")
    except OSError:
        return False
    lib.seccomp_init.restype = ctypes.c_void_p
    lib.seccomp_init.argtypes = [ctypes.c_uint32]
    lib.seccomp_syscall_resolve_name.argtypes = [ctypes.c_char_p]
    lib.seccomp_rule_add_array.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_int, ctypes.c_uint,
                                           ctypes.POINTER(_ArgumentTest)]
    lib.seccomp_attr_set.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_uint32]
    lib.seccomp_load.argtypes = lib.seccomp_release.argtypes = [ctypes.c_void_p]
    context = lib.seccomp_init(SCMP_ACT_ALLOW)
    if not context:
        return False
    new_process = _ArgumentTest(0, SCMP_CMP_MASKED_EQ, CLONE_THREAD, 0)   # flags & CLONE_THREAD == 0
    rules = [("fork", errno.EPERM, None), ("vfork", errno.EPERM, None), ("clone", errno.EPERM, new_process),
             ("clone3", errno.ENOSYS, None)]
    try:
        if lib.seccomp_attr_set(context, SCMP_FLTATR_CTL_TSYNC, 1) != 0:
            return False
        for name, code, test in rules:
            number = lib.seccomp_syscall_resolve_name(name.encode())
            if number < 0:    # a call this architecture does not have (fork on aarch64)
                continue
            tests = (1, ctypes.byref(test)) if test is not None else (0, None)
            if lib.seccomp_rule_add_array(context, SCMP_ACT_ERRNO | code, number, *tests) != 0:
                return False
        return lib.seccomp_load(context) == 0
    finally:
        lib.seccomp_release(context)


def _check(event, args, policy):
    submission, work, read_roots, main_pid = policy
    if event == "open":
        path, flags = args[0], args[2]
        if isinstance(path, int):
            return
        path = _real(path)
        if flags & WRITE_FLAGS:
            _need_write(path, work)
            if _other_links(path):
                raise Refused(f"a submission may not write through a hard link: {path}")
        else:
            _need_read(path, submission, work, read_roots)
            if os.path.isdir(path) and not _under(path, (submission, work)):
                raise Refused(f"a submission may not open the folder {path}")
    elif event in WRITE_EVENTS:
        for i in WRITE_EVENTS[event]:
            if i < len(args) and not isinstance(args[i], int):
                _need_write(_real(args[i]), work)
    elif event == "os.chdir":
        if not _under(_real(args[0]), (submission, work)):
            raise Refused("a submission may not change into folders outside its own")
    elif event in ("os.kill", "os.killpg"):
        _need_signal(event, args[0])
    elif event in ("os.fork", "os.forkpty"):
        if main_pid is None:
            raise Refused(NO_CHILDREN)
        if os.getpid() != main_pid:
            raise Refused("a forked process may not fork again")
    elif event in PROGRAM_EVENTS:
        raise Refused("a submission may not run other programs")
    elif event in NETWORK_EVENTS:
        raise Refused("a submission may not use the network")


def _real(path) -> str:
    return os.path.realpath(os.fsdecode(path))


def _under(path: str, roots) -> bool:
    return any(path == root or path.startswith(root.rstrip("/") + "/") for root in roots)


def _need_write(path: str, work: str) -> None:
    if path != os.devnull and not _under(path, (work,)):
        raise Refused(f"a submission may only write files in its working folder, not {path}")


def _other_links(path: str) -> bool:
    """A regular file that has other names (hard links) than this one."""
    try:
        status = os.stat(path)
    except OSError:
        return False
    return status.st_nlink > 1 and stat.S_ISREG(status.st_mode)


def _need_read(path: str, submission: str, work: str, read_roots) -> None:
    if _under(path, (submission, work)):
        return
    parts = path.split("/")
    if not _under(path, read_roots) or SECRET_NAMES.intersection(parts) or _other_process(parts):
        raise Refused(f"a submission may not read {path}")


def _other_process(parts: list[str]) -> bool:
    """/proc/<pid>/... of another process, except its ``stat`` line (what ``ps`` shows)."""
    if len(parts) < 3 or parts[1] != "proc" or not parts[2].isdigit() or int(parts[2]) == os.getpid():
        return False
    return parts[3:] != ["stat"]


def _need_signal(event: str, target: int) -> None:
    if event == "os.killpg":
        if target != os.getpgrp():
            raise Refused("a submission may not signal other process groups")
        return
    if target == os.getpid() or target == 0:
        return
    if target < 0 or target == 1 or target == os.getppid() or not _own_process(target):
        raise Refused("a submission may not signal processes other than its own children")


def _own_process(pid: int) -> bool:
    """In the worker's process group (which the grader is not in), or a child that left it."""
    try:
        if os.getpgid(pid) == os.getpgrp():
            return True
        with open(f"/proc/{pid}/stat", "rb") as f:
            return int(f.read().rsplit(b")", 1)[1].split()[1]) == os.getpid()
    except (OSError, IndexError, ValueError):
        return False


_CHECKED = frozenset({"open", "os.chdir", "os.kill", "os.killpg", "os.fork", "os.forkpty",
                      *WRITE_EVENTS, *PROGRAM_EVENTS, *NETWORK_EVENTS})
