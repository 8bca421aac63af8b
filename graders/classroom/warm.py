"""A warm Python: one process imports what a program needs once, then forks a child per run of it.

Each submission of a class gets a grader process of its own (``graders.classroom.grading.main``);
started cold, each would spend about 0.65 s importing pytest, hypothesis, numpy and the engine
before grading anything. The class run instead starts one server,

    python -m graders.classroom.warm graders.classroom.preload [-- MODULE:FUNCTION ARG...]

which imports the modules named (and runs nothing of any student's), calls ``FUNCTION(ARG...)`` of
``MODULE`` if one follows ``--`` (the class run's: grade the reference solutions, so that every grader
starts from a process that has imported the task's checks and run them once), then reads one request
per line on its stdin:

- ``{"module", "argv", "log", "environment"}``: fork a child that runs ``module.main(argv)`` in a
  session of its own, writing to the file ``log``, in ``environment``; answered ``{"pid": N}`` on
  stdout, then ``{"pid": N, "exit": CODE}`` once the child ended (CODE as subprocess gives it:
  negative for the signal that ended it);
- ``{"kill": N}``: kill child N with its session (its workers), if it still runs.

The server ends when its stdin closes, when the class run ends however it ends, and kills the
children still running, with their sessions, as it goes (a child it could not reach dies with it).
"""
from __future__ import annotations

import contextlib
import importlib
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from graders.engine import sandbox
from graders.worker.server import ended_children
from graders.kit import KIT_ROOT


class WarmServerEnded(Exception):
    """The server is gone (it could not import what it preloads, or it was killed): no run can start."""


class WarmPython:
    """The class run's end of a warm server: start runs, wait for them, stop the server."""

    def __init__(self, preload: list[str], environment: dict[str, str], warm_up: list[str] = ()):
        """``warm_up``: ``["MODULE:FUNCTION", ARG...]``, called in the server once it imported ``preload``."""
        argv = [*preload, "--", *warm_up] if warm_up else preload
        self.server = subprocess.Popen([sys.executable, "-m", __name__, *argv], stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, env=environment, cwd=KIT_ROOT)
        self.exits: dict[int, int] = {}
        self.started: list[int] = []
        self.changed = threading.Condition()
        self.lock = threading.Lock()   # one request at a time: its answer is the next pid
        threading.Thread(target=self._read, name="dlgrade-warm-replies", daemon=True).start()

    def start(self, module: str, argv: list[str], log: Path, environment: dict[str, str]) -> int:
        """Run ``module.main(argv)`` in a fork of the server; its pid."""
        request = {"module": module, "argv": argv, "log": str(log), "environment": environment}
        with self.lock, self.changed:
            self._send(request)
            self.changed.wait_for(lambda: self.started or self.server.poll() is not None)
            if not self.started:
                raise self._ended()
            return self.started.pop()

    def wait(self, pid: int, timeout: float | None = None) -> int | None:
        """The exit status of run ``pid`` once it ended; None if it runs past ``timeout`` seconds."""
        with self.changed:
            self.changed.wait_for(lambda: pid in self.exits or self.server.poll() is not None, timeout)
            return self.exits.get(pid, -signal.SIGKILL if self.server.poll() is not None else None)

    def kill(self, pid: int) -> None:
        """Kill run ``pid`` and everything in its session, if it still runs."""
        with self.lock, contextlib.suppress(WarmServerEnded):   # a server gone took its runs with it
            self._send({"kill": pid})

    def _send(self, request: dict) -> None:
        try:
            self.server.stdin.write(json.dumps(request).encode() + b"\n")
            self.server.stdin.flush()
        except OSError as exc:   # the server is gone (a broken pipe)
            raise self._ended() from exc

    def _ended(self) -> WarmServerEnded:
        self.server.wait()
        return WarmServerEnded(f"the warm grader process ended (exit status {self.server.returncode}; "
                               "its error is above, in the class run's output)")

    def close(self) -> None:
        """End the server (runs still going end with it)."""
        with contextlib.suppress(OSError):
            self.server.stdin.close()
        self.server.wait()

    def _read(self) -> None:
        for line in self.server.stdout:
            reply = json.loads(line)
            with self.changed:
                if "exit" in reply:
                    self.exits[reply["pid"]] = reply["exit"]
                else:
                    self.started.append(reply["pid"])
                self.changed.notify_all()
        with self.changed:
            self.server.wait()
            self.changed.notify_all()


# -- the server ------------------------------------------------------------------------------------
def serve(preload: list[str], warm_up: list[str] = ()) -> None:
    """Import ``preload``, call ``warm_up`` (``["MODULE:FUNCTION", ARG...]``), then fork one child per request
    on stdin until stdin closes."""
    for module in preload:
        importlib.import_module(module)
    if warm_up:   # before SIGCHLD is watched below: the processes it starts are its own to wait for
        module, function = warm_up[0].split(":")
        getattr(importlib.import_module(module), function)(*warm_up[1:])
    replies = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)   # nothing but replies on the reply pipe
    alive: set[int] = set()
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)   # a byte on wake_r for each SIGCHLD
    signal.signal(signal.SIGCHLD, lambda *_: None)
    pending = b""
    while True:
        ready, _, _ = select.select([0, wake_r], [], [])
        if wake_r in ready:
            os.read(wake_r, 4096)
            _reap(replies, alive)
        if 0 in ready:
            chunk = os.read(0, 1 << 16)
            if not chunk:   # the class run ended: so do the children, with their sessions
                for pid in list(alive):
                    _kill(pid, alive)
                return
            pending += chunk
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                request = json.loads(line)
                if "kill" in request:
                    _kill(request["kill"], alive)
                    continue
                pid = os.fork()
                if pid == 0:
                    signal.set_wakeup_fd(-1)
                    os.close(wake_r)
                    os.close(wake_w)
                    replies.close()
                    raise SystemExit(_child(request))   # leaves serve(): the child exits as a process would
                alive.add(pid)
                print(json.dumps({"pid": pid}), file=replies)


def _kill(pid: int, alive: set[int]) -> None:
    if pid not in alive:
        return   # ended (and reaped: the number may be another process's by now)
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:   # not yet in a session of its own
        os.kill(pid, signal.SIGKILL)


def _reap(replies, alive: set[int]) -> None:
    for pid, code in ended_children():
        alive.discard(pid)
        print(json.dumps({"pid": pid, "exit": code}), file=replies)


def _child(request: dict) -> int:
    """``module.main(argv)`` in this fresh fork: its exit status."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    sandbox.die_with_parent(os.getppid())
    os.setsid()
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(devnull)
    os.close(log)
    os.environ.clear()
    os.environ.update(request["environment"])
    tempfile.tempdir = None   # found again from TMPDIR, as in a new process
    sys.argv = [request["module"], *request["argv"]]
    return importlib.import_module(request["module"]).main(request["argv"])


if __name__ == "__main__":
    sandbox.die_with_parent(os.getppid())
    arguments = sys.argv[1:]
    split = arguments.index("--") if "--" in arguments else len(arguments)
    serve(arguments[:split], arguments[split + 1:])
