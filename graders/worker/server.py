"""The worker: a separate process that imports one student module and runs calls on request.

Started by :mod:`graders.remote` as ``python -I -B server.py FD SUBMISSION_DIR MODULE``.
It talks to the grader over the socket ``FD`` with the :mod:`wire` format, and
it never sees the reference solutions or the grader suites: it only holds the
student's objects and sends back plain data or handles to them.

Requests (grader -> worker), one at a time:
    {"op": "import"}
    {"op": "getattr", "target": id, "name": str}
    {"op": "setattr", "target": id, "name": str, "value": v}
    {"op": "call", "target": id, "args": [...], "kwargs": {...}, "patch": {name: callback}}
Replies (worker -> grader):
    {"ok": value, "writeback": [args, kwargs]}   or   {"err": {"type", "message", "where"}}
While a call runs, the worker may ask the grader to run a callback:
    {"callback": id, "args": [...], "kwargs": {...}}  answered by {"op": "return", "ok" | "err"}
"""
from __future__ import annotations

import importlib
import io
import os
import sys
import traceback
from multiprocessing.connection import Connection

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # -I leaves the script's folder out
import wire  # noqa: E402

BLOCKED_PACKAGES = ("solutions", "graders", "exercises")
OUTPUT_LIMIT = 64 * 1024


class BoundedOutput(io.TextIOBase):
    """Stands in for stdout/stderr: keeps the first bytes a student prints, drops the rest."""

    def __init__(self):
        self.kept = []
        self.size = 0

    def writable(self):
        return True

    def write(self, text):
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


class GraderError(Exception):
    """The grader's callback raised; re-raised inside student code."""


class Worker:
    def __init__(self, conn: Connection, submission_dir: str, module_name: str):
        self.conn = conn
        self.submission_dir = os.path.abspath(submission_dir)
        self.module_name = module_name
        self.objects: dict[int, object] = {}
        self.ids: dict[int, int] = {}  # id(obj) -> handle id

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
        import torch

        return torch.from_numpy(array).to(device)

    def send(self, message):
        self.conn.send_bytes(wire.encode(message, self.to_handle))

    def receive(self):
        return wire.decode(self.conn.recv_bytes(), self.from_handle, self.make_tensor)

    # -- callbacks into the grader ----------------------------------------------------
    def callback(self, handle: wire.Handle):
        def call_grader(*args, **kwargs):
            self.send({"callback": handle.id, "args": list(args), "kwargs": kwargs})
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
            try:
                reply = self.handle(request)
            except BaseException as exc:  # student code may raise anything, SystemExit included
                reply = {"err": self.describe(exc)}
            try:
                self.send(reply)
            except wire.WireError as exc:
                self.send({"err": {"type": "BadReturnValue", "message": str(exc), "where": ""}})

    def handle(self, request):
        op = request["op"]
        if op == "import":
            module = importlib.import_module(self.module_name)
            self.objects[0] = module
            return {"ok": wire.Handle("obj", 0, "module")}
        target = self.objects[request["target"]]
        if op == "getattr":
            return {"ok": getattr(target, request["name"])}
        if op == "setattr":
            setattr(target, request["name"], request["value"])
            return {"ok": None}
        if op == "call":
            return self.call(target, request)
        raise ValueError(f"unknown op {op!r}")

    def call(self, target, request):
        args, kwargs = request.get("args", []), request.get("kwargs", {})
        module = self.objects.get(0)
        patch = request.get("patch") or {}
        saved = {name: module.__dict__.get(name) for name in patch}
        module.__dict__.update(patch)
        try:
            result = target(*args, **kwargs)
        finally:
            module.__dict__.update(saved)
        return {"ok": result, "writeback": [args, kwargs]}

    def describe(self, exc: BaseException) -> dict:
        if isinstance(exc, SystemExit):
            return {"type": "SystemExit", "message": f"called sys.exit({exc.code!r})", "where": ""}
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
        try:
            message = str(exc)[:2000]
        except BaseException:
            message = "(the exception could not be printed)"
        return {"type": type(exc).__name__, "message": message, "where": where}


def main(argv):
    fd, submission_dir, module_name = int(argv[1]), argv[2], argv[3]
    conn = Connection(fd)
    sys.stdout = BoundedOutput()
    sys.stderr = BoundedOutput()
    sys.meta_path.insert(0, BlockGraderImports())
    sys.path.insert(0, os.path.abspath(submission_dir))
    Worker(conn, submission_dir, module_name).serve()


if __name__ == "__main__":
    main(sys.argv)
