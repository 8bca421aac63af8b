"""The worker: a separate process that imports one student module and runs calls on request.

The same request loop serves a notebook's check cells from a thread of the notebook's kernel
(:mod:`graders.engine.kernel` subclasses :class:`Worker`: its module is the kernel's namespace).

Started by :mod:`graders.engine.remote` as ``python -I -S -B server.py FD SUBMISSION_DIR MODULE``, or
forked by a zygote (the same script with MODULE ``:zygote``, :func:`zygote`, see graders/engine/zygote.py)
(inside bubblewrap, or from a copy of this folder: see :mod:`graders.engine.sandbox`), with
the site-packages folders in ``DLGRADE_WORKER_PATH`` (added without their ``.pth``
files). It talks to the grader over the socket ``FD`` with the :mod:`wire` format, and
it never sees the reference solutions or the grader suites: it only holds the
student's objects and sends back plain data or handles to them. Before any student
code runs it installs the guard rails of :mod:`guard`.

Requests (grader -> worker), one at a time:
    {"op": "probe"}       (before "import": does this process's torch reach a CUDA GPU?)
    {"op": "import"}
    {"op": "getattr", "target": id, "name": str}
    {"op": "setattr", "target": id, "name": str, "value": v}
    {"op": "call", "target": id, "args": [...], "kwargs": {...}, "patch": {name: callback}}
Replies (worker -> grader):
    {"ok": value, "writeback": [[position or keyword, value], ...]}   or   {"err": {"type", "message", "where"}}
"writeback" holds the call's arguments that the student's code changed in place (by wire.fingerprint).
A request that printed more than PRINT_LIMIT, or left child processes running, is
answered with an error of type TooMuchOutput or LeftProcesses instead.
While a call runs, the worker may ask the grader to run a callback:
    {"callback": id, "args": [...], "kwargs": {...}}  answered by {"op": "return", "ok" | "err"}
"""
from __future__ import annotations

import ctypes
import importlib
import io
import json
import os
import random
import resource
import select
import signal
import socket
import sys
import time
import traceback
from multiprocessing.connection import Connection

if __package__:   # the notebook transport (graders.engine.kernel) serves a kernel's namespace with this loop
    from graders.worker import guard, wire
else:             # the worker script
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # -I leaves the script's folder out
    sys.path.extend(p for p in os.environ.get("DLGRADE_WORKER_PATH", "").split(os.pathsep) if p)
    import guard
    import wire

import numpy  # noqa: E402  (found through DLGRADE_WORKER_PATH in the worker)

BLOCKED_PACKAGES = ("solutions", "graders", "exercises")
OUTPUT_LIMIT = 64 * 1024
PRINT_LIMIT = 1024 * 1024      # characters one request may print before it counts as an error
CHILD_GRACE_S = 0.5            # how long children get to finish after a request returned


class BoundedOutput(io.TextIOBase):
    """Stands in for stdout/stderr: keeps the first bytes a student prints, drops the rest.

    It also counts what each request printed, so that a flood of output is reported.
    """

    def __init__(self):
        self.kept = []
        self.size = 0
        self.printed = 0

    def writable(self):
        return True

    def write(self, text):
        self.printed += len(text)
        if self.size < OUTPUT_LIMIT:
            self.kept.append(text[: OUTPUT_LIMIT - self.size])
            self.size += len(self.kept[-1])
        return len(text)


class BlockGraderImports:
    """A meta-path finder that refuses the kit's own packages inside the worker."""

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED_PACKAGES:
            raise ImportError(
                f"a submission may not import '{name}': the grader runs your own files only"
            )
        return None


class NumpyWarning(Exception):
    """numpy warned inside a call made with numpy errors on (reported by this name)."""


class GraderError(Exception):
    """The grader's callback raised; re-raised inside student code."""


class Worker:
    def __init__(self, conn: Connection, submission_dir: str, module_name: str,
                 stdout: BoundedOutput, stderr: BoundedOutput):
        self.conn = conn
        self.stdout, self.stderr = stdout, stderr
        self.pid = os.getpid()
        self.submission_dir = os.path.abspath(submission_dir)
        self.module_name = module_name
        self.objects: dict[int, object] = {}
        self.ids: dict[int, int] = {}  # id(obj) -> handle id
        self.seq = None   # the number of the request being served: its reply and callbacks carry it

    # -- handles ---------------------------------------------------------------------
    def to_handle(self, obj):
        key = id(obj)
        if key not in self.ids:
            handle_id = len(self.objects) + 1
            self.objects[handle_id] = obj
            self.ids[key] = handle_id
        return ("obj", self.ids[key], type(obj).__name__)

    def from_handle(self, handle: wire.Handle):
        if handle.kind == "cb":
            return self.callback(handle)
        if handle.kind == "obj" and handle.id in self.objects:
            return self.objects[handle.id]
        raise wire.WireError(f"unknown handle {handle.id}")

    def make_tensor(self, array, device):
        import torch  # start-up time: only where tensors are graded

        return torch.from_numpy(array).to(device)

    def send(self, message):
        self.conn.send_bytes(wire.encode(message, self.to_handle))

    def receive(self):
        return wire.decode(self.conn.recv_bytes(), self.from_handle, self.make_tensor)

    # -- callbacks into the grader ----------------------------------------------------
    def callback(self, handle: wire.Handle):
        def call_grader(*args, **kwargs):
            self.send({"callback": handle.id, "args": list(args), "kwargs": kwargs, "seq": self.seq})
            reply = self.receive()
            while reply.get("op") != "return":  # the grader's callback calls student code again
                self.serve_one(reply)
                reply = self.receive()
            if "err" in reply:
                raise GraderError(reply["err"])
            return reply["ok"]

        call_grader.__name__ = handle.type_name or "reference"
        return call_grader

    # -- requests -------------------------------------------------------------------------
    def serve(self):
        while True:
            try:
                request = self.receive()
            except EOFError:
                return
            self.serve_one(request)

    def serve_one(self, request):
        """Run one request and send its reply (both carry the request's number)."""
        printed_before = self.printed()
        outer, self.seq = self.seq, request.get("seq")
        try:
            reply = self.handle(request)
        except BaseException as exc:  # student code may raise anything, SystemExit included
            reply = {"err": self.describe(exc)}
        finally:
            seq, self.seq = self.seq, outer
        if os.getpid() != self.pid:  # a child the student forked came back here: not its turn
            os._exit(0)
        problem = self.leftover_processes() or self.output_flood(printed_before)
        if problem:
            reply = {"err": {"type": problem[0], "message": problem[1], "where": ""}}
        try:
            self.send({**reply, "seq": seq})
        except wire.WireError as exc:
            self.send({"err": {"type": "BadReturnValue", "message": str(exc), "where": ""}, "seq": seq})

    def handle(self, request):
        op = request["op"]
        if op == "import":
            self.objects[0] = self.load_module()
            return {"ok": wire.Handle("obj", 0, "module")}
        if op == "probe":
            return {"ok": self.probe()}
        if op == "numpy":
            return {"ok": numpy}
        target = self.objects[request["target"]]
        if op == "getattr":
            return {"ok": getattr(target, request["name"])}
        if op == "setattr":
            setattr(target, request["name"], request["value"])
            return {"ok": None}
        if op == "call":
            return self.call(target, request)
        raise ValueError(f"unknown op {op!r}")

    def load_module(self):
        """The student's module: its ``__dict__`` is where a call's ``patch`` rebinds names."""
        return importlib.import_module(self.module_name)

    def probe(self) -> dict:
        return probe_cuda(self.submission_dir)

    def call(self, target, request):
        args, kwargs = request.get("args", []), request.get("kwargs", {})
        module = self.objects.get(0)
        patch = request.get("patch") or {}
        missing = object()
        saved = {name: module.__dict__.get(name, missing) for name in patch}
        given = {**dict(enumerate(args)), **kwargs}   # by position or keyword, as the grader names them
        before = {key: wire.fingerprint(value) for key, value in given.items()}
        module.__dict__.update(patch)
        try:
            if request.get("numpy_errors"):
                result = self.call_with_numpy_errors(target, args, kwargs)
            else:
                result = target(*args, **kwargs)
        finally:
            for name, value in saved.items():
                if value is missing:
                    module.__dict__.pop(name, None)
                else:
                    module.__dict__[name] = value
        changed = [[key, value] for key, value in given.items() if wire.fingerprint(value) != before[key]]
        return {"ok": result, "writeback": changed}

    @staticmethod
    def call_with_numpy_errors(target, args, kwargs):
        with numpy.errstate(over="raise", invalid="raise", divide="raise"):
            try:
                return target(*args, **kwargs)
            except FloatingPointError as exc:
                raise NumpyWarning(str(exc)).with_traceback(exc.__traceback__) from None

    def printed(self) -> int:
        return self.stdout.printed + self.stderr.printed

    def output_flood(self, printed_before: int):
        printed = self.printed() - printed_before
        if printed > PRINT_LIMIT:
            return ("TooMuchOutput", f"printed {printed / 1e6:.1f} million characters in one call "
                                     f"(the limit is {PRINT_LIMIT / 1e6:.1f} million)")
        return None

    def leftover_processes(self):
        """Child processes the request left running: stopped here, and reported."""
        deadline = time.monotonic() + CHILD_GRACE_S
        while _reap_children():
            if time.monotonic() > deadline:
                stopped = _kill_children()
                return ("LeftProcesses", f"left {stopped or 'some'} child process(es) running after it "
                                         "returned; wait for the processes you start (join them)")
            time.sleep(0.02)
        return None

    def describe(self, exc: BaseException) -> dict:
        if isinstance(exc, SystemExit):
            return {"type": "SystemExit", "message": f"called sys.exit({exc.code!r})", "where": ""}
        try:
            message = str(exc)[:2000]
        except BaseException:
            message = "(the exception could not be printed)"
        return {"type": type(exc).__name__, "message": message, "where": self.where(exc)}

    def where(self, exc: BaseException) -> str:
        """The last line of the student's own code in the exception's traceback ('' if none)."""
        frames = [
            f for f in traceback.extract_tb(exc.__traceback__)
            if os.path.abspath(f.filename).startswith(self.submission_dir + os.sep)
        ]
        where = ""
        if frames:
            last = frames[-1]
            where = f"{os.path.basename(last.filename)}, line {last.lineno}, in {last.name}"
        if isinstance(exc, SyntaxError) and exc.filename:
            where = f"{os.path.basename(exc.filename)}, line {exc.lineno}"
        return where


def _reap_children() -> bool:
    """Collect children that have exited; True while some are still running."""
    try:
        while True:
            pid, _ = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                return True
    except ChildProcessError:
        return False


def _kill_children() -> int:
    """SIGKILL this process's children (found in /proc); how many. 0 where there is no /proc."""
    me, killed = str(os.getpid()), 0
    try:
        entries = [e for e in os.listdir("/proc") if e.isdigit()]
    except OSError:
        return 0
    for entry in entries:
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                ppid = f.read().rsplit(b")", 1)[1].split()[1].decode()
        except (OSError, IndexError):
            continue
        if ppid == me:
            try:
                os.kill(int(entry), signal.SIGKILL)
                os.waitpid(int(entry), 0)
                killed += 1
            except OSError:
                pass
    return killed


def seed_global_randomness() -> None:
    """Fixed seeds, so code that (wrongly) draws from global state still grades the same every run."""
    random.seed(0)
    numpy.random.seed(0)


def probe_cuda(submission_dir: str) -> dict:
    """Whether this process's torch reaches a CUDA GPU; asked before the student's module is imported.

    The submission folder is left off the path meanwhile, so a ``torch.py`` of the student's
    is not what answers (and the student's own ``import torch`` then gets this torch).
    """
    saved = sys.path[:]
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != submission_dir]
    try:
        import torch  # may be missing: then there is no GPU to train on

        return {"cuda": bool(torch.cuda.is_available())}
    except Exception as exc:  # no torch, or a broken one: then there is no GPU to train on
        return {"cuda": False, "error": f"{type(exc).__name__}: {exc}"}
    finally:
        sys.path[:] = saved


def main(argv):
    fd, submission_dir, module_name = int(argv[1]), argv[2], argv[3]
    if module_name == ZYGOTE:
        zygote(fd)
    else:
        serve(fd, submission_dir, module_name)


def serve(fd: int, submission_dir: str, module_name: str, writable: str | None = None) -> None:
    """Serve ``module_name`` of ``submission_dir`` to the grader over the socket ``fd`` until it hangs up;
    the student's code may write in ``writable`` (default: the working folder)."""
    conn = Connection(fd)
    # From here on the student's output goes nowhere: fd 1 already does, fd 2 did not
    # (the grader keeps what Python or bubblewrap said while starting).
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    sys.stdout, sys.stderr = stdout, stderr = BoundedOutput(), BoundedOutput()
    sys.meta_path.insert(0, BlockGraderImports())
    sys.path.insert(0, os.path.abspath(submission_dir))
    children = os.environ.pop("DLGRADE_NO_CHILDREN", "") != "1"   # process_tree.NO_CHILDREN_ENV
    if not children:
        guard.refuse_children()
    guard.install(submission_dir, writable or os.getcwd(), children=children)
    seed_global_randomness()
    Worker(conn, submission_dir, module_name, stdout, stderr).serve()


# -- the zygote: workers forked with numpy (and the preloads) already imported ----------------------
ZYGOTE = ":zygote"               # the module name that starts a zygote instead of a worker
PRELOAD_ENV = "DLGRADE_PRELOAD"  # more modules the zygote imports (e.g. "torch,torch._dynamo")
PR_SET_PDEATHSIG = 1


def zygote(control_fd: int) -> None:
    """Fork workers on request, and say when each ends (see graders.engine.zygote for the grader's side).

    Requests on the SOCK_SEQPACKET socket ``control_fd``: a JSON object ``{"module", "submission",
    "work", "writable", "env", "memory_mb"}`` with the worker's socket as its one file descriptor;
    the answer is ``{"forked": pid}``. Each child that ends is reported as ``{"exited": pid, "code":
    code}`` (a negative code: the signal). No student code ever runs here: only in the children.
    """
    for name in filter(None, os.environ.pop(PRELOAD_ENV, "").split(",")):
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001  (a preload that fails is imported by the worker, as without a zygote)
            pass
    control = socket.socket(fileno=control_fd)
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    try:
        _fork_on_request(control, wake_r, wake_w)
    except OSError:   # the grader is gone
        os._exit(0)


def _fork_on_request(control, wake_r: int, wake_w: int) -> None:
    while True:
        ready, _, _ = select.select([control, wake_r], [], [])
        if wake_r in ready:
            os.read(wake_r, 4096)
            for pid, code in ended_children():
                control.send(json.dumps({"exited": pid, "code": code}).encode())
        if control in ready:
            data, fds, _, _ = socket.recv_fds(control, 1 << 16, 1)
            if not data:   # the grader is gone
                os._exit(0)
            parent = os.getpid()
            pid = os.fork()
            if pid == 0:
                for fd in (control.detach(), wake_r, wake_w):
                    os.close(fd)
                _child(fds[0], json.loads(data), parent)
            for fd in fds:
                os.close(fd)
            control.send(json.dumps({"forked": pid}).encode())


def ended_children():
    """(pid, exit code) of each child that ended, reaped (a negative code: the signal); a zygote's and the
    class server's (graders.classroom.warm) children alike."""
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        yield pid, os.waitstatus_to_exitcode(status)


def _child(fd: int, request: dict, zygote_pid: int) -> None:
    """A forked worker: a session of its own, its limits and folder, then the grader's go, then serve()."""
    try:
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.setsid()
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)   # dies with the zygote
        if os.getppid() != zygote_pid:   # it died before that was asked
            os._exit(1)
        if request.get("memory_mb"):
            size = int(request["memory_mb"]) * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (size, size))
        os.makedirs(request["work"], exist_ok=True)
        os.chdir(request["work"])
        os.environ.update(request.get("env", {}))
        sock = socket.socket(fileno=fd)
        sock.sendall(b"H")   # the grader has SO_PASSCRED: the kernel adds this process's pid, as the grader sees it
        if sock.recv(1) != b"G":   # the grader moved it into its process-tree group first
            os._exit(1)
        # As a worker started cold sees it: hostile code looks for its socket at sys.argv[1].
        sys.argv[1:] = [str(sock.fileno()), request["submission"], request["module"]]
        serve(sock.detach(), request["submission"], request["module"], request.get("writable"))
    except BaseException:  # noqa: BLE001  (never back into the zygote's loop)
        os._exit(1)
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv)
