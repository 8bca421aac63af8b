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
- running programs, forking from a forked child, or using the network.

A refused operation raises ``PermissionError`` in the student's code, which the
grader reports like any exception the student's code raised. An audit hook cannot
be removed, but a student who sets out to defeat this one from Python (patching
``os`` or this module) can: that is what the bubblewrap sandbox is for.
"""
from __future__ import annotations

import os
import sys

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC
SECRET_NAMES = frozenset({"solutions", "graders"})
SYSTEM_ROOTS = ("/usr", "/lib", "/lib32", "/lib64", "/libx32", "/bin", "/sbin", "/etc", "/dev", "/sys",
                "/proc")
#: Audited operations that change the filesystem, with the positions of the paths they change.
WRITE_EVENTS = {
    "os.remove": (0,), "os.rmdir": (0,), "os.mkdir": (0,), "os.rename": (0, 1), "os.chmod": (0,),
    "os.chown": (0,), "os.chflags": (0,), "os.link": (1,), "os.symlink": (1,), "os.truncate": (0,),
    "os.utime": (0,), "os.setxattr": (0,), "os.removexattr": (0,), "shutil.rmtree": (0,),
    "shutil.chown": (0,),
}
PROGRAM_EVENTS = frozenset({"subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn",
                            "os.startfile", "pty.spawn"})
NETWORK_EVENTS = frozenset({"socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg",
                            "socket.getaddrinfo"})


#: What a refused operation raises in the student's code.
Refused = PermissionError


def install(submission_dir: str, work_dir: str) -> None:
    """Install the hook for the rest of the worker's life."""
    real = os.path.realpath
    submission, work = real(submission_dir), real(work_dir)
    python = [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix]
    python += [p for p in sys.path if p and os.path.isabs(p)]
    read_roots = tuple(sorted({real(p) for p in (*python, *SYSTEM_ROOTS,
                                                  os.path.dirname(os.path.abspath(__file__)))}))
    policy = (submission, work, read_roots, os.getpid())

    def hook(event, args):
        if event in _CHECKED:
            _check(event, args, policy)

    sys.addaudithook(hook)


def _check(event, args, policy):
    submission, work, read_roots, main_pid = policy
    if event == "open":
        path, flags = args[0], args[2]
        if isinstance(path, int):
            return
        path = _real(path)
        if flags & WRITE_FLAGS:
            _need_write(path, work)
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
