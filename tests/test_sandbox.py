"""Where a worker runs: the bubblewrap sandbox, the process-isolation fallback, and the guard rails of both."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from graders import sandbox
from graders.remote import CallTimeout, StudentException, Worker
from tests.kit import KIT

HAS_BWRAP, WHY_NOT = sandbox.probe()
needs_bwrap = pytest.mark.skipif(not HAS_BWRAP, reason=f"no bubblewrap here: {WHY_NOT}")
SECRET = KIT / "solutions" / "softmax.py"

PROBE = '''
import os, socket, sys, time


def facts(secret):
    """What this worker can see and do, guard rails and import blocker switched off (as a determined student would)."""
    sys.modules["guard"]._check = lambda *args: None
    sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "BlockGraderImports"]
    found = {"server": os.path.abspath(sys.modules["__main__"].__file__), "path": list(sys.path),
             "pid": os.getpid(), "secret_visible": os.path.exists(secret),
             "kit_visible": os.path.exists(os.path.dirname(os.path.dirname(secret)))}
    for name, action in (("write_submission", lambda: open(os.path.join(os.path.dirname(__file__), "x"), "w")),
                         ("write_tmp", lambda: open("/tmp/x", "w")),
                         ("network", lambda: socket.create_connection(("1.1.1.1", 53), timeout=2)),
                         ("import_solutions", lambda: __import__("solutions"))):
        try:
            action()
            found[name] = "allowed"
        except BaseException as exc:
            found[name] = type(exc).__name__
    return found


def refused(secret, outside):
    """What the guard rails refuse (each entry: the exception, or 'allowed')."""
    found = {}
    actions = {
        "read_secret": lambda: open(secret).read(),
        "read_proc_of_parent": lambda: open(f"/proc/{os.getppid()}/cmdline").read(),
        "open_kit_folder": lambda: os.open(os.path.dirname(secret), os.O_RDONLY),
        "write_outside": lambda: open(outside, "w"),
        "write_home": lambda: open(os.path.join(os.environ["HOME"], "ok.txt"), "w").close(),
        "chdir_outside": lambda: os.chdir("/usr"),
        "signal_parent": lambda: os.kill(os.getppid(), 0),
        "signal_everyone": lambda: os.kill(-1, 0),
        "run_program": lambda: os.system("true"),
        "network": lambda: socket.create_connection(("127.0.0.1", 9), timeout=1),
        "read_numpy": lambda: open(os.path.join(os.path.dirname(__import__("numpy").__file__), "__init__.py")).read(),
    }
    for name, action in actions.items():
        try:
            action()
            found[name] = "allowed"
        except BaseException as exc:
            found[name] = type(exc).__name__
    return found


def fork_twice():
    pid = os.fork()
    if pid == 0:
        try:
            os.fork()
            os._exit(1)
        except PermissionError:
            os._exit(0)
    return os.waitpid(pid, 0)[1]


def stash(callback):
    global kept
    kept = callback
    return callback(1)


def call_stashed():
    return kept(2)


def nap(seconds):
    time.sleep(seconds)
'''


@pytest.fixture
def probe_module(tmp_path):
    (tmp_path / "probe.py").write_text(PROBE)
    return tmp_path


def start(folder: Path, mode: str, monkeypatch, **kwargs) -> Worker:
    monkeypatch.setenv(sandbox.ENV, mode)
    return Worker(folder, "probe", memory_mb=1024, **kwargs)


# -- choosing a mode ---------------------------------------------------------------------------------
def test_mode_follows_dlgrade_sandbox(monkeypatch):
    monkeypatch.setenv(sandbox.ENV, "none")
    assert sandbox.mode() == "none" and "turned off (DLGRADE_SANDBOX=none)" in sandbox.describe()
    monkeypatch.setenv(sandbox.ENV, "chroot")
    with pytest.raises(sandbox.SandboxError, match="use one of auto, bwrap, none"):
        sandbox.mode()
    monkeypatch.setattr(sandbox, "probe", lambda: (False, "bubblewrap is not installed"))
    monkeypatch.setenv(sandbox.ENV, "auto")
    assert sandbox.mode() == "none"
    assert sandbox.describe().startswith("process isolation only: bubblewrap is not installed")
    monkeypatch.setenv(sandbox.ENV, "bwrap")
    with pytest.raises(sandbox.SandboxError, match="apt-get install bubblewrap"):
        sandbox.mode()


def test_probe_runs_once_per_process(monkeypatch):
    runs = []

    def fake_run(argv, **kwargs):
        runs.append(argv)
        return subprocess.CompletedProcess(argv, 1, b"", b"bwrap: No permissions to create new namespace\n")

    monkeypatch.setattr(sandbox.shutil, "which", lambda name: "/usr/bin/bwrap")
    monkeypatch.setattr(sandbox.subprocess, "run", fake_run)
    sandbox.probe.cache_clear()
    try:
        assert sandbox.probe() == (False, "bubblewrap cannot create a sandbox here "
                                          "(bwrap: No permissions to create new namespace)")
        sandbox.probe()
        assert len(runs) == 1 and runs[0][0] == "bwrap"
    finally:
        sandbox.probe.cache_clear()


def test_exit_status_names_the_signal(monkeypatch):
    assert sandbox.exit_signal(-11) == 11 and sandbox.exit_signal(0) is None
    monkeypatch.setattr(sandbox, "mode", lambda: "bwrap")
    assert sandbox.exit_signal(139) == 11    # bubblewrap reports 128 + signal
    monkeypatch.setattr(sandbox, "mode", lambda: "none")
    assert sandbox.exit_signal(139) is None


# -- the bubblewrap command ------------------------------------------------------------------------------
def test_bwrap_command_binds_nothing_of_the_kit_but_the_worker(tmp_path):
    argv = sandbox.bwrap_argv(tmp_path / "sub", tmp_path / "work")
    for flag in ("--unshare-all", "--die-with-parent", "--new-session", "--remount-ro"):
        assert flag in argv
    assert argv[argv.index("--cap-drop") + 1] == "ALL"
    binds = [(argv[i], argv[i + 1], argv[i + 2]) for i in range(len(argv) - 2)
             if argv[i] in ("--ro-bind", "--bind", "--ro-bind-try", "--dev-bind-try")]
    assert ("--ro-bind", str((tmp_path / "sub").resolve()), "/submission") in binds
    assert ("--bind", str(tmp_path / "work"), "/tmp") in binds
    for _, source, target in binds:
        if Path(source).resolve().is_relative_to(KIT):
            assert target.startswith("/dlgrade-worker/"), source
    assert "--share-net" not in argv


def test_bwrap_binds_the_folders_of_ld_library_path(tmp_path, monkeypatch):
    """Some GPU machines keep the CUDA driver's libraries in LD_LIBRARY_PATH (/usr/local/nvidia/lib64)."""
    libs = tmp_path / "nvidia" / "lib64"
    libs.mkdir(parents=True)
    monkeypatch.setenv("LD_LIBRARY_PATH", f"{libs}{os.pathsep}relative/ignored")
    argv = sandbox.bwrap_argv(tmp_path / "sub", tmp_path / "work")
    binds = [(argv[i], argv[i + 1], argv[i + 2]) for i in range(len(argv) - 2) if argv[i] == "--ro-bind"]
    assert ("--ro-bind", str(libs), str(libs)) in binds
    assert not any("relative" in source for _, source, _ in binds)


def test_kit_folders_inside_a_bound_folder_are_hidden(monkeypatch):
    assert KIT in sandbox.hidden_dirs([KIT.parent])
    assert sandbox.hidden_dirs([KIT / ".venv"]) == []     # a venv inside the kit is bound alone


# -- a worker inside bubblewrap ----------------------------------------------------------------------------------
@needs_bwrap
def test_bwrap_worker_sees_no_kit_no_network_and_a_read_only_submission(probe_module, monkeypatch):
    worker = start(probe_module, "bwrap", monkeypatch)
    try:
        facts = worker.ensure_started().facts(str(SECRET))
    finally:
        worker.stop()
    assert facts["server"] == "/dlgrade-worker/server.py"
    assert not facts["secret_visible"] and not facts["kit_visible"]
    assert facts["write_submission"] == "OSError"        # read-only file system
    assert facts["write_tmp"] == "allowed"                # its private /tmp
    assert facts["network"] == "OSError"                  # no network at all
    assert facts["import_solutions"] == "ModuleNotFoundError"
    assert facts["pid"] < 10                               # its own process tree


# -- the fallback: process isolation and guard rails ------------------------------------------------------------
def test_fallback_worker_runs_from_a_copy_without_the_kit_on_its_path(probe_module, monkeypatch):
    worker = start(probe_module, "none", monkeypatch)
    try:
        facts = worker.ensure_started().facts(str(SECRET))
    finally:
        worker.stop()
    assert not Path(facts["server"]).is_relative_to(KIT)
    assert not [p for p in facts["path"] if p and Path(p).resolve().is_relative_to(KIT)]
    assert facts["import_solutions"] == "ModuleNotFoundError"   # no editable-install finder either
    assert facts["secret_visible"]   # the honest limit: without bubblewrap the files are there


@pytest.mark.parametrize("mode", [pytest.param("bwrap", marks=needs_bwrap), "none"])
def test_guard_rails_refuse_the_same_things_in_both_modes(probe_module, monkeypatch, mode):
    outside = Path("/var/tmp/dlgrade-test-outside.txt")   # not /tmp: in bubblewrap that is the worker's own
    outside.unlink(missing_ok=True)
    worker = start(probe_module, mode, monkeypatch)
    try:
        module = worker.ensure_started()
        found = module.refused(str(SECRET), str(outside))
        fork_status = module.fork_twice()
    finally:
        worker.stop()
    allowed = {"write_home", "read_numpy"}
    # In bubblewrap a path outside the mounts (the kit, when it lives under /tmp) is simply absent.
    refusals = {"PermissionError", "FileNotFoundError"} if mode == "bwrap" else {"PermissionError"}
    assert {k for k, v in found.items() if v == "allowed"} == allowed, found
    assert all(v in refusals for k, v in found.items() if k not in allowed), found
    assert fork_status == 0                     # the forked child could not fork again
    assert not outside.exists()


def test_grader_callbacks_expire_with_their_call(probe_module, monkeypatch):
    worker = start(probe_module, "none", monkeypatch)
    try:
        module = worker.ensure_started()
        assert module.stash(lambda x: x * 10) == 10
        with pytest.raises(StudentException, match="no longer available"):
            module.call_stashed()
    finally:
        worker.stop()


def test_time_limit_cap_applies_to_every_call(probe_module, monkeypatch):
    worker = start(probe_module, "none", monkeypatch, max_timeout=0.5)
    try:
        with pytest.raises(CallTimeout, match="within 0.5 s"):
            worker.ensure_started().with_timeout(60).nap(30)
    finally:
        worker.stop()
