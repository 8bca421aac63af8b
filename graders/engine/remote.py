"""The grader's side of a worker: start it, call student code in it, and read what comes back.

A :class:`Worker` runs one student module in its own process. :class:`RemoteModule`
and :class:`RemoteObject` make the student's functions and objects callable from a
grader suite as if they were local; every call crosses the process boundary, so
whatever the student's code does (hang, crash, exit, monkeypatch numpy) happens
in the worker and surfaces here as a :class:`SubmissionProblem`.
"""
from __future__ import annotations

import contextlib
import os
import resource
import signal
import socket
import struct
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from graders.engine import process_tree, sandbox, zygote
from graders.engine.problems import (
    BadValue,
    BrokenModule,
    CallTimeout,
    ChannelBroken,
    InputChanged,
    LeftProcesses,
    MissingModule,
    MissingName,
    NotAttempted,
    NumpyWarning,
    StopCheck,
    StudentException,
    SubmissionProblem,
    TooMuchOutput,
    WorkerDied,
)
from graders.worker import wire

START_TIMEOUT_S = 60.0
MIN_START_TIMEOUT_S = 5.0      # a cap on time limits never makes starting a worker shorter than this
# What a worker may send in one message. The largest a check expects is the GPU run's training images
# handed back (train's arguments come back to be compared): 60,000 x 784 bytes, about 45 MiB.
MAX_MESSAGE_BYTES = 256 * 1024**2
MAX_HEADER_BYTES = 1024**2     # a message's JSON part (arrays travel beside it); a check's replies need ~1 KiB
READ_CHUNK_BYTES = 1024**2     # a message is read as it arrives: claiming a size costs the grader nothing
# What a grader function the student's code calls (a reference helper) may add to the grader's address
# space: the reference helpers need a few MiB for any argument a check hands out; the rest is room for
# what numpy and its BLAS threads map on first use (address space, not memory: it counts every mapping).
CALLBACK_MEMORY_BYTES = 1024**3
TREE_CHECK_AFTER_S = 0.05      # reaching a worker tree's memory or task limit takes longer than this
PASSED_ENV = (
    "PATH", "LANG", "LC_ALL", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
    "MKL_NUM_THREADS", "CUDA_VISIBLE_DEVICES", "CUDA_DEVICE_ORDER", "CUBLAS_WORKSPACE_CONFIG", "DLGRADE_DEVICE",
    "LD_LIBRARY_PATH",  # where some machines keep the CUDA driver's libraries (/usr/local/nvidia/lib64)
)


#: Handles whose lookup a worker remembers: the student's functions, methods and classes (the
#: same name gives the same object for as long as the worker lives; data attributes are read anew).
FUNCTION_TYPES = frozenset({"function", "method", "type", "builtin_function_or_method"})

# Attributes that hypothesis, pytest, copy and pickle look for on any object.
PROBED_NAMES = frozenset({"execute_example", "setup_example", "teardown_example"})


class ProtocolError(Exception):
    """A message from a worker that the grader does not read (see :class:`Channel`)."""


class Channel:
    """The grader's end of the socket to a worker: whole messages, each within a deadline.

    The framing is that of ``multiprocessing.connection.Connection`` (which the worker
    uses): a 4-byte big-endian length, or -1 and an 8-byte length. Every read and write
    here has a deadline, so a worker that sends half a message, or stops reading, costs
    a timeout instead of stalling the grader.
    """

    def __init__(self, sock: socket.socket):
        self.sock = sock

    def send(self, data: bytes, deadline: float) -> None:
        n = len(data)
        header = struct.pack("!i", n) if n <= 0x7FFFFFFF else struct.pack("!iQ", -1, n)
        self.sock.settimeout(_remaining(deadline))
        self.sock.sendall(header + data)

    def recv(self, deadline: float) -> bytearray:
        """One whole message of at most MAX_MESSAGE_BYTES (ProtocolError for a larger one, before reading it)."""
        (n,) = struct.unpack("!i", self._read(4, deadline))
        if n == -1:
            (n,) = struct.unpack("!Q", self._read(8, deadline))
        if n < 0 or n > MAX_MESSAGE_BYTES:
            raise ProtocolError(f"a message of {n:,} bytes, over the {MAX_MESSAGE_BYTES // 1024**2} MiB a reply "
                                "may have")
        return self._read(n, deadline)

    def _read(self, n: int, deadline: float) -> bytearray:
        """``n`` bytes, in a buffer that grows as they arrive (never more than what was sent)."""
        buf = bytearray()
        while len(buf) < n:
            self.sock.settimeout(_remaining(deadline))
            chunk = self.sock.recv(min(n - len(buf), READ_CHUNK_BYTES))
            if not chunk:
                raise EOFError("the worker closed the connection")
            buf += chunk
        return buf

    def close(self) -> None:
        self.sock.close()


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise socket.timeout("deadline passed")
    return left


def worker_env() -> dict[str, str]:
    """The environment of every worker (a task's own variables come on top): the grader's variables that
    PASSED_ENV names, and settings that make a grade the same everywhere."""
    env = {k: os.environ[k] for k in PASSED_ENV if k in os.environ}
    env.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")  # lets a GPU trainer be deterministic
    env.setdefault("OPENBLAS_NUM_THREADS", "1")   # as the grader's (graders/cli/__init__.py): arrays are small
    env.update(PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1", MPLBACKEND="Agg")
    return env


class Worker:
    """One student module, loaded in a separate process (sandboxed where possible)."""

    def __init__(self, submission_dir: Path, module: str, *, memory_mb: int | None = 2048,
                 tree_memory_mb: int = process_tree.TREE_MEMORY_MB, extra_env: dict | None = None,
                 max_timeout: float | None = None, probe_cuda: bool = False):
        self.submission_dir = Path(submission_dir).resolve()
        self.module = module
        self.memory_mb = memory_mb
        self.tree_memory_mb = tree_memory_mb
        self.extra_env = extra_env or {}
        self.max_timeout = max_timeout   # caps every time limit (class runs, the kit's tests)
        self.proc: subprocess.Popen | None = None
        self.group: process_tree.TreeGroup | None = None   # limits the worker's whole process tree
        self.conn: Channel | None = None
        self.tmpdir: tempfile.TemporaryDirectory | None = None
        self.root: RemoteModule | None = None
        # Whether the worker reaches a CUDA GPU: asked before the student's module is imported
        # (probe_cuda), so that nothing the student's code does can change the answer.
        self.probe_cuda = probe_cuda
        self.cuda = False
        self.generation = 0
        self.poison: StopCheck | None = None
        self.callbacks: dict[int, object] = {}
        # (object id, name) -> (handle id, type name) of the student's functions and classes
        # already looked up: one round trip per call instead of two (see RemoteObject.__getattr__).
        self.functions: dict[tuple[int, str], tuple[int, str]] = {}
        # Student functions that ran out of time once ("softmax", "Affine.forward") -> (the time limit
        # they had, the timeout): a later call with no more time fails at once, the same way.
        self.timed_out: dict[str, tuple[float, CallTimeout]] = {}
        self.last_callback = 0
        self.depth = 0   # requests in progress (a callback may make a request of its own)
        self.seq = 0     # the last request's number: its reply and the callbacks it asks for carry it

    #: What the student's functions are called in feedback, and how to add a missing one (MissingName).
    label = "your {module}.py"
    how_to_add = "define it with the name and signature from exercises/"

    # -- life cycle -------------------------------------------------------------------
    def start(self) -> None:
        """Start the worker and import the student's module in it (StopCheck if it does not load)."""
        self.conn = Channel(self.launch())
        self.generation += 1
        self.callbacks.clear()
        self.functions.clear()
        if self.probe_cuda:
            found = self.request({"op": "probe"}, timeout=self._start_timeout())
            self.cuda = isinstance(found, dict) and found.get("cuda") is True
        handle = self.request({"op": "import"}, timeout=self._start_timeout(), on_error=self._import_error)
        self.root = RemoteModule(self, handle._id)

    def launch(self) -> socket.socket:
        """Start the worker process (sandboxed where possible); the grader's end of its socket."""
        if not (self.submission_dir / f"{self.module}.py").is_file():
            raise MissingModule(f"{self.module}.py was not found in the submission folder "
                                f"{self.submission_dir.name}/: add it (copy it from exercises/)")
        env = worker_env()
        self.group = process_tree.create(self.tree_memory_mb)
        # Nothing would bound the tree without a group: the worker starts no processes.
        own_env = {**self.extra_env, **({process_tree.NO_CHILDREN_ENV: "1"} if self.group is None else {})}
        forked = zygote.fork(self.submission_dir, self.module, memory_mb=self.memory_mb, group=self.group, env=env,
                             child_env=own_env, preload=zygote.TORCH_PRELOAD if self.probe_cuda else (),
                             timeout=self._start_timeout()) if not self.extra_env else None
        if forked is not None:
            self.proc, self.tmpdir, sock = forked
            return sock
        parent_sock, child_sock = socket.socketpair()
        self.tmpdir = tempfile.TemporaryDirectory(prefix="dlgrade-worker-")
        tmp = Path(self.tmpdir.name)
        launch = sandbox.launch(tmp, self.submission_dir, self.module, child_sock.fileno())
        env.update(own_env)
        env.update(launch.env)
        # What Python or bubblewrap say while starting; the worker sends fd 2 to /dev/null after.
        with open(tmp / "startup.log", "wb") as log:
            self.proc = subprocess.Popen(
                launch.argv, pass_fds=[child_sock.fileno()], cwd=launch.cwd, env=env,
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log,
                preexec_fn=sandbox.limits(self.memory_mb, self.group), start_new_session=True,
            )
        child_sock.close()
        return parent_sock

    def _start_timeout(self) -> float:
        if self.max_timeout is None:
            return START_TIMEOUT_S
        return min(START_TIMEOUT_S, max(self.max_timeout, MIN_START_TIMEOUT_S))

    def _import_error(self, err: dict) -> StopCheck:
        where = str(err.get("where", ""))
        message = str(err.get("message", "")).removesuffix(f" ({where})")
        if err["type"] in ("SyntaxError", "IndentationError", "TabError"):
            return BrokenModule(f"{self.module}.py has a syntax error ({message}): fix it so the file runs", where)
        if err["type"] in ("ImportError", "ModuleNotFoundError"):
            return BrokenModule(f"{self.module}.py does not load: an import failed ({err['type']}: {message}); "
                                "import only the libraries the exercise uses (numpy, and torch for mlp)", where)
        return BrokenModule(f"{self.module}.py does not load: running it raised {err['type']}: {message}; "
                            "code outside functions runs when the file is loaded, so keep tests and prints "
                            "inside `if __name__ == \"__main__\":`", where)

    def ensure_started(self) -> "RemoteModule":
        if self.poison is not None:
            raise self.poison
        if not self.running() or self.exited() or self.root is None:
            self.stop()
            self.start()
        return self.root

    def running(self) -> bool:
        """Whether the worker was started and not stopped since (it may have exited meanwhile)."""
        return self.proc is not None

    def exited(self) -> bool:
        return self.proc is None or self.proc.poll() is not None

    def stop(self) -> None:
        if self.proc is not None:
            if self.proc.poll() is None:
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)  # children the student forked too
                except ProcessLookupError:
                    pass
            self.proc.wait()
        if self.group is not None:
            self.group.remove()   # and with it any process of the tree that left the process group
            self.group = None
        if self.conn is not None:
            self.conn.close()
        if self.tmpdir is not None:
            self.tmpdir.cleanup()
        self.proc = self.conn = self.tmpdir = self.root = None

    def reset_poison(self) -> None:
        self.poison = None

    # -- requests ------------------------------------------------------------------------
    def request(self, message: dict, *, timeout: float, on_error=None, in_place=frozenset(),
                callee: str = "your code"):
        """Send one request and wait for its reply, serving callbacks meanwhile.

        A call's arguments come back as the student's code left them: those named in
        ``in_place`` (positions, keyword names, or ``ALL_ARGUMENTS``) are copied into the
        grader's objects; a change to any other is an :class:`InputChanged` failure.
        """
        if self.poison is not None:
            raise self.poison
        if self.max_timeout is not None and message.get("op") != "import":
            timeout = min(timeout, self.max_timeout)
        started = time.monotonic()
        deadline = started + timeout
        self.depth += 1
        self.seq += 1
        seq = self.seq
        try:
            self._send({**message, "seq": seq}, deadline, timeout)
            while True:
                reply = self._receive(deadline, timeout, seq)
                if "callback" not in reply:
                    break
                self._send(self._run_callback(reply, deadline, timeout), deadline, timeout)
            err = _plain_error(reply.get("err"))
            # Reaching a tree limit takes longer than this; reading the group's counters costs ~40 us,
            # too much for every call.
            if self.group is not None and time.monotonic() - started >= TREE_CHECK_AFTER_S:
                err = self._tree_limits(err)
            _raise_worker_problem(err)
        except (CallTimeout, WorkerDied, LeftProcesses, ChannelBroken) as exc:
            self.poison = exc
            self.stop()
            raise
        finally:
            self.depth -= 1
            if self.depth == 0:   # a callback handle is good for the request it came with only
                self.callbacks.clear()
        if "err" in reply:
            raise (on_error or _student_error)(err)
        self._writeback(message, reply, in_place, callee)
        return reply["ok"]

    def _send(self, message: dict | bytes, deadline: float, timeout: float) -> None:
        data = message if isinstance(message, bytes) else wire.encode(message, self._callback_handle)
        try:
            self.conn.send(data, deadline)
        except socket.timeout:
            raise CallTimeout(f"did not finish within {timeout:g} s (it stopped reading what the "
                              "grader sent)") from None
        except OSError:
            raise WorkerDied(self.death_reason()) from None

    def _receive(self, deadline: float, timeout: float, seq: int) -> dict:
        """The next message, which must answer request ``seq`` (its reply, or a callback it asks for).

        Anything else (too large, unreadable, out of turn) is :class:`ChannelBroken`: after it the
        grader cannot tell which request a message answers, so the worker is stopped.
        """
        try:
            data = self.conn.recv(deadline)
        except socket.timeout:
            raise CallTimeout(f"did not finish within {timeout:g} s (an endless loop, or far too slow)") from None
        except ProtocolError as exc:
            raise ChannelBroken(f"sent the grader {exc}; the grader stopped it") from None
        except (EOFError, OSError):
            raise WorkerDied(self.death_reason()) from None
        try:
            reply = wire.decode(data, self._resolve_handle, max_header_bytes=MAX_HEADER_BYTES)
        except wire.WireError as exc:
            raise ChannelBroken(f"sent the grader a message it cannot read ({exc}); the grader stopped it") from None
        if not isinstance(reply, dict) or reply.get("seq") != seq:
            raise ChannelBroken("sent the grader a message out of turn (not the answer to its request: "
                                "something wrote to the grader's connection); the grader stopped it")
        return reply

    def death_reason(self) -> str:
        """Why the worker is gone, for the student (its exit status, a signal, a limit it reached)."""
        try:
            code = self.proc.wait(timeout=5) if self.proc else None
        except subprocess.TimeoutExpired:   # it closed its end but lives on
            return "the process closed its connection to the grader"
        if self.group is not None and self.group.memory_killed():
            return self._tree_memory_reason()
        number = sandbox.exit_signal(code)
        if number is not None:
            name = signal.Signals(number).name if number in signal.valid_signals() else f"signal {number}"
            if name == "SIGKILL":
                return "the process was killed (SIGKILL): too much memory, or it killed itself"
            if name == "SIGXFSZ":
                return f"the process was stopped for writing a file over {sandbox.FILE_SIZE_LIMIT_MB} MB"
            return f"the process crashed with {name}"
        reason = f"the process exited with status {code} (os._exit, or it exited while the grader waited)"
        startup = self._startup_log() if self.root is None else ""
        return f"{reason}: {startup}" if startup else reason

    def _tree_limits(self, err):
        """The reply's error, after the group's limits: a child killed for the tree's memory leaves the
        worker running (the call fails as the worker's death); a fork refused for the task count gets
        the limit named in its message."""
        if self.group.memory_killed():
            raise WorkerDied(self._tree_memory_reason())
        if isinstance(err, dict) and self.group.tasks_refused():
            return {**err, "message": f"{err.get('message', '')} (your code reached the limit of "
                                      f"{process_tree.TREE_TASKS} processes and threads)"}
        return err

    def _tree_memory_reason(self) -> str:
        return (f"a process was killed: your code and the processes it started used more than "
                f"{self.tree_memory_mb} MiB of memory together")

    def _startup_log(self) -> str:
        """The last line Python or bubblewrap wrote while the worker started, if any (a forked worker
        started no Python: its folder is its working folder, which the student's code writes in)."""
        if isinstance(self.proc, zygote.ForkedProcess):
            return ""
        try:
            text = (Path(self.tmpdir.name) / "startup.log").read_text(errors="replace")
        except (OSError, AttributeError):
            return ""
        lines = text.strip().splitlines()
        return lines[-1][:300] if lines else ""

    def _callback_handle(self, fn):
        if isinstance(fn, RemoteObject):  # a student object going back to its worker
            return ("obj", fn._id, fn._type_name)
        self.last_callback += 1   # never reused: a stale handle cannot name a newer callback
        self.callbacks[self.last_callback] = fn
        return ("cb", self.last_callback, getattr(fn, "__name__", "callback"))

    def _run_callback(self, request: dict, deadline: float, timeout: float) -> dict | bytes:
        """A grader function the student's code called, with its arguments, and its reply encoded: within
        the request's deadline and CALLBACK_MEMORY_BYTES (a MemoryError goes back to the student's code)."""
        fn = self.callbacks.get(request.get("callback"))
        if fn is None:
            return {"op": "return", "err": "this grader function is no longer available"}
        name = getattr(fn, "__name__", "a grader function")
        try:
            with _bounded(deadline):
                result = fn(*request.get("args", []), **request.get("kwargs", {}))
                return wire.encode({"op": "return", "ok": result}, self._callback_handle)
        except _Overran:
            raise CallTimeout(f"did not finish within {timeout:g} s (it was still in {name}(), which the grader "
                              "runs for it, with the arguments it passed)") from None
        except MemoryError:
            return {"op": "return", "err": f"MemoryError: the arguments passed to {name}() need more than "
                                           f"{CALLBACK_MEMORY_BYTES // 1024**2} MiB"}
        except Exception as exc:  # the grader's callback rejected what the student passed it
            return {"op": "return", "err": f"{type(exc).__name__}: {exc}"}

    def _resolve_handle(self, handle: wire.Handle):
        if handle.kind == "obj":
            return RemoteObject(self, handle.id, one_line(handle.type_name, 200))
        raise wire.WireError("unexpected handle kind")

    def _writeback(self, message: dict, reply: dict, in_place, callee: str = "your code") -> None:
        """Hand the arguments the student's code changed back to the grader, where that is allowed.

        The worker sends back only the arguments it found changed (their fingerprints, see
        wire.fingerprint): one it leaves out is the grader's own, as unchanged as one it echoed would be.
        """
        if message.get("op") != "call" or "writeback" not in reply:
            return
        before = dict(enumerate(message.get("args", [])))
        before.update(message.get("kwargs", {}))
        try:
            after = {key: value for key, value in reply["writeback"]}
        except (TypeError, ValueError):
            raise BadValue("sent back malformed arguments") from None
        if not after.keys() <= before.keys() or any(isinstance(key, bool) for key in after):
            raise BadValue("sent back arguments it was not given")
        settle_arguments(before, after, in_place, callee)


class _Overran(BaseException):
    """A grader function run for the student's code reached the request's deadline."""


@contextlib.contextmanager
def _bounded(deadline: float):
    """Run the block in this process until ``deadline`` (SIGALRM; only the main thread can) and with at
    most CALLBACK_MEMORY_BYTES more address space (RLIMIT_AS, put back after)."""
    timed = threading.current_thread() is threading.main_thread()
    if timed:
        def overran(signum, frame):
            raise _Overran()
        previous = signal.signal(signal.SIGALRM, overran)
        signal.setitimer(signal.ITIMER_REAL, max(deadline - time.monotonic(), 1e-3))
    limits = resource.getrlimit(resource.RLIMIT_AS)
    try:
        used = os.sysconf("SC_PAGE_SIZE") * int(Path("/proc/self/statm").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        used = None
    bound = None if used is None else used + CALLBACK_MEMORY_BYTES
    if bound is not None and (limits[0] == resource.RLIM_INFINITY or bound < limits[0]):
        resource.setrlimit(resource.RLIMIT_AS, (bound, limits[1]))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, limits)
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


ALL_ARGUMENTS = "*"
MUTABLE = (np.ndarray, dict, list, np.random.Generator)   # and torch tensors (see is_tensor)


def settle_arguments(before: dict, after: dict, in_place, callee: str = "your code") -> None:
    """Compare a call's arguments (by position or keyword) before and after the student's code ran.

    numpy Generators always follow the student's draws (drawing from the rng one is given
    is the point). Arguments named in ``in_place`` take the student's changes; a change to
    any other raises :class:`InputChanged`, and the grader's own object stays as it was.
    """
    for key, ours in before.items():
        if key not in after:
            continue
        theirs = after[key]
        if isinstance(ours, np.random.Generator):
            _copy_into(ours, theirs)
        elif ALL_ARGUMENTS in in_place or key in in_place:
            _copy_into(ours, theirs)
        elif _changed(ours, theirs):
            raise InputChanged(f"{callee} changed its {_argument_name(key)} in place "
                               f"({_describe_value(ours)}), which its docstring does not allow")


def _argument_name(key) -> str:
    if isinstance(key, int):
        return f"{_ordinal(key + 1)} argument"
    return f"argument `{key}`"


def _ordinal(n: int) -> str:
    return {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}.get(n, f"{n}th")


def _describe_value(value) -> str:
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    return f"a {type(value).__name__}"


def is_tensor(value) -> bool:
    """A torch tensor, told apart without importing torch (the grader may have none)."""
    return type(value).__module__.startswith("torch") and hasattr(value, "detach")


def _changed(ours, theirs) -> bool:
    """Whether the student's copy of an argument differs from the grader's (containers compared deeply;
    a torch tensor comes back as the array of its values)."""
    if is_tensor(ours):
        ours = ours.detach().cpu().numpy()
    if is_tensor(theirs):
        theirs = theirs.detach().cpu().numpy()
    if isinstance(ours, np.ndarray):
        if not isinstance(theirs, np.ndarray) or ours.shape != theirs.shape:
            return True
        nan_aware = ours.dtype.kind in "fc" and theirs.dtype.kind in "fc"
        return not np.array_equal(ours, theirs, equal_nan=nan_aware)
    if isinstance(ours, dict):
        return (not isinstance(theirs, dict) or ours.keys() != theirs.keys()
                or any(_changed(ours[k], theirs[k]) for k in ours))
    if isinstance(ours, (list, tuple)):
        return (not isinstance(theirs, (list, tuple)) or len(ours) != len(theirs)
                or any(_changed(a, b) for a, b in zip(ours, theirs)))
    if isinstance(ours, (bool, int, float, complex, str, np.generic)) or ours is None:
        return not (ours is theirs or (type(ours) is type(theirs) and bool(ours == theirs))
                    or _both_nan(ours, theirs))
    return False   # handles and callbacks: not data the student can change in place


def _tensor_like(tensor, array: np.ndarray):
    """``array`` as a tensor of ``tensor``'s dtype and device (torch is imported where tensors are graded)."""
    import torch  # start-up time: only where tensors are graded

    return torch.from_numpy(np.ascontiguousarray(array)).to(dtype=tensor.dtype, device=tensor.device)


def _both_nan(a, b) -> bool:
    try:
        return bool(np.isnan(a)) and bool(np.isnan(b))
    except (TypeError, ValueError):
        return False


def _copy_into(ours, theirs) -> None:
    if is_tensor(ours) and (isinstance(theirs, np.ndarray) or is_tensor(theirs)):
        if is_tensor(theirs):
            theirs = theirs.detach().cpu().numpy()
        if tuple(ours.shape) == theirs.shape:
            ours.detach().copy_(_tensor_like(ours, theirs))
    elif isinstance(ours, np.random.Generator) and isinstance(theirs, np.random.Generator):
        ours.bit_generator.state = theirs.bit_generator.state  # the student's draws advance ours
    elif isinstance(ours, np.ndarray) and isinstance(theirs, np.ndarray):
        if ours.shape == theirs.shape and ours.flags.writeable:
            np.copyto(ours, theirs, casting="unsafe")
    elif isinstance(ours, dict) and isinstance(theirs, dict):
        for key in theirs:
            if key in ours and (isinstance(ours[key], MUTABLE) or is_tensor(ours[key])):
                _copy_into(ours[key], theirs[key])
            else:
                ours[key] = theirs[key]
    elif isinstance(ours, list) and isinstance(theirs, list) and len(ours) == len(theirs):
        for i, (a, b) in enumerate(zip(ours, theirs)):
            if isinstance(a, MUTABLE) or is_tensor(a):
                _copy_into(a, b)
            else:
                ours[i] = b


def _raise_worker_problem(err) -> None:
    """Errors the worker reports about the call itself rather than the student's exception."""
    if not isinstance(err, dict):
        return
    if err.get("type") == "LeftProcesses":
        raise LeftProcesses(str(err.get("message", "")))
    if err.get("type") == "TooMuchOutput":
        raise TooMuchOutput(str(err.get("message", "")))


def _student_error(err: dict) -> SubmissionProblem:
    if not isinstance(err, dict):
        return BadValue("sent back a malformed error")
    type_name, message, where = (str(err.get(k, "")) for k in ("type", "message", "where"))
    if type_name == "NotImplementedError":
        return NotAttempted("not attempted yet (still raises NotImplementedError)", where)
    if type_name == "BadReturnValue":
        return BadValue(f"returned something that is not plain data: {message}", where)
    if type_name == "NumpyWarning":
        return NumpyWarning(f"made numpy warn: {message}", where)
    return StudentException(type_name, message, where)


def _plain_error(err):
    """An error the worker sent, its texts (which the student's code controls) each made :func:`one_line`."""
    if not isinstance(err, dict):
        return err
    return {key: one_line(value) if isinstance(value, str) else value for key, value in err.items()}


def one_line(text, limit: int = 2000) -> str:
    """Text from the worker (which the student's code controls) as one line of at most ``limit`` characters.

    Feedback shows it inside a line of the grader's own ("raised ValueError: ..."): with no line
    breaks of its own it cannot pass for a line the grader wrote ("PASSED ...", "Total: 25/25").
    """
    text = "".join(c if c.isprintable() else (" | " if c in "\r\n" else " ") for c in str(text))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def type_name(obj) -> str:
    """The class name of a student's object, whether it is a proxy or plain data."""
    return obj._type_name if isinstance(obj, RemoteObject) else type(obj).__name__


def worker_of(obj: RemoteObject):
    """The worker behind a student object: one per loaded submission module, so the key for
    results a suite computes once per submission (weakly referenced: it goes with the worker)."""
    return obj._worker


def is_alive(obj: RemoteObject) -> bool:
    """Whether the worker behind a student object still runs: no crash or timeout has stopped it."""
    worker = obj._worker
    return worker.poison is None and worker.running()


@dataclass(frozen=True)
class CallOptions:
    """How calls into student code are made; a proxy passes its options on to the proxies it returns."""

    timeout: float = 10.0
    patch: dict = field(default_factory=dict)  # module-level names swapped during each call
    numpy_errors: bool = False                 # numpy warnings (overflow, invalid, divide) raise
    in_place: frozenset = frozenset()          # arguments the student's code may change (see settle_arguments)


class RemoteObject:
    """A student object living in the worker. Attribute reads and calls go over the wire."""

    def __init__(self, worker: Worker, handle_id: int, type_name: str,
                 options: CallOptions = CallOptions()):
        object.__setattr__(self, "_worker", worker)
        object.__setattr__(self, "_id", handle_id)
        object.__setattr__(self, "_type_name", type_name)
        object.__setattr__(self, "_generation", worker.generation)
        object.__setattr__(self, "_options", options)
        object.__setattr__(self, "_label", type_name)
        object.__setattr__(self, "_key", type_name)   # what Worker.timed_out knows it by

    def _check_alive(self) -> None:
        if self._worker.poison is not None:
            raise self._worker.poison
        if self._generation != self._worker.generation or not self._worker.running():
            raise WorkerDied("this object was lost when an earlier call crashed the process")

    def __getattr__(self, name: str):
        if name.startswith(("_", "hypothesis_")) or name in PROBED_NAMES:
            raise AttributeError(name)
        self._check_alive()
        known = self._worker.functions.get((self._id, name))
        if known is not None:
            value = RemoteObject(self._worker, known[0], known[1])
        else:
            value = self._worker.request({"op": "getattr", "target": self._id, "name": name},
                                         timeout=self._options.timeout, on_error=self._missing(name))
        if isinstance(value, RemoteObject):
            if value._type_name in FUNCTION_TYPES:
                self._worker.functions[self._id, name] = (value._id, value._type_name)
            object.__setattr__(value, "_options", self._options)
            object.__setattr__(value, "_label", name)
            object.__setattr__(value, "_key", name if isinstance(self, RemoteModule) else f"{self._key}.{name}")
        return value

    def _missing(self, name: str):
        def on_error(err: dict) -> SubmissionProblem:
            if err.get("type") == "AttributeError":
                return MissingName(f"`{name}` is missing from {self._describe()}: {self._worker.how_to_add}")
            return _student_error(err)
        return on_error

    def __setattr__(self, name: str, value) -> None:
        self._check_alive()
        self._worker.functions.pop((self._id, name), None)
        self._worker.request({"op": "setattr", "target": self._id, "name": name, "value": value},
                             timeout=self._options.timeout)

    def __call__(self, *args, **kwargs):
        self._check_alive()
        options = self._options
        earlier = self._worker.timed_out.get(self._key)
        if earlier is not None and options.timeout <= earlier[0]:
            raise CallTimeout(f"an earlier call {earlier[1].message}; the grader does not call "
                              f"{self._label}() again", earlier[1].where)
        try:
            result = self._worker.request(
                {"op": "call", "target": self._id, "args": list(args), "kwargs": kwargs,
                 "patch": options.patch, "numpy_errors": options.numpy_errors},
                timeout=options.timeout, in_place=options.in_place, callee=f"{self._label}()",
            )
        except CallTimeout as exc:
            self._worker.timed_out.setdefault(self._key, (options.timeout, exc))
            raise
        if isinstance(result, RemoteObject):
            object.__setattr__(result, "_options", options)
        return result

    def _describe(self) -> str:
        return f"your {self._type_name}"

    def __repr__(self) -> str:
        return f"<student {self._type_name}>"


class RemoteModule(RemoteObject):
    """The student's module for one task, e.g. ``student.softmax(x)``."""

    def __init__(self, worker: Worker, handle_id: int, options: CallOptions = CallOptions()):
        super().__init__(worker, handle_id, "module", options)

    def _describe(self) -> str:
        return self._worker.label.format(module=self._worker.module)

    def _with(self, **changes) -> "RemoteModule":
        return RemoteModule(self._worker, self._id, replace(self._options, **changes))

    def with_timeout(self, seconds: float) -> "RemoteModule":
        """The same module, with a different per-call time limit."""
        return self._with(timeout=seconds)

    def with_reference(self, reference_module, *names: str) -> "RemoteModule":
        """The same module, with ``names`` swapped for the reference's during each call.

        Used to grade a function on its own: the student's XOR on top of the
        reference NAND/OR/AND. The reference runs here, in the grader; the worker
        only gets a callback. Any object with those attributes will do.
        """
        patch = dict(self._options.patch)
        patch.update({name: getattr(reference_module, name) for name in names})
        return self._with(patch=patch)

    def with_numpy_errors(self) -> "RemoteModule":
        """The same module, but a numpy overflow/invalid/divide warning in a call fails it."""
        return self._with(numpy_errors=True)

    def with_in_place(self, *arguments) -> "RemoteModule":
        """The same module, but calls may change the ``arguments`` given (0-based positions, or
        names of arguments the check passes by keyword; none given: all) in place, and the
        grader's objects take those changes. The student's own parameter names are not used:
        they are the student's to choose.

        Only for what a docstring allows (an optimizer's ``update(params, grads)`` changes
        ``params``); without it a call that changes an argument fails the check.
        """
        return self._with(in_place=frozenset(arguments or (ALL_ARGUMENTS,)))

    def numpy(self) -> RemoteObject:
        """The worker's numpy module, e.g. to set its global random state before a call."""
        self._check_alive()
        return self._worker.request({"op": "numpy"}, timeout=self._options.timeout)

    def __repr__(self) -> str:
        return f"<{self._describe()}>"
