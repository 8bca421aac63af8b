"""Where a worker runs: the bubblewrap sandbox, the process-isolation fallback, and the guard rails of both."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from graders.engine import sandbox
from graders.engine.problems import CallTimeout, StudentException
from graders.engine.remote import Worker
from graders.env import doctor
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
             "pid_namespace": os.readlink("/proc/self/ns/pid"), "secret_visible": os.path.exists(secret),
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
        "run_program_unannounced": lambda: __import__("_posixsubprocess").fork_exec(),
        "signal_parent_by_pidfd": lambda: os.pidfd_open(os.getppid()),
        "fifo_outside": lambda: os.mkfifo(outside + ".fifo"),
        "write_through_a_hard_link": write_through_a_hard_link,
        "network": lambda: socket.create_connection(("127.0.0.1", 9), timeout=1),
        "name_lookup": lambda: socket.gethostbyname("localhost"),
        "read_numpy": lambda: open(os.path.join(os.path.dirname(__import__("numpy").__file__), "__init__.py")).read(),
    }
    for name, action in actions.items():
        try:
            action()
            found[name] = "allowed"
        except BaseException as exc:
            found[name] = type(exc).__name__
    return found


def write_through_a_hard_link():
    """Both names in the worker's own folder, so the link is made; writing through it is refused."""
    first, second = (os.path.join(os.environ["HOME"], name) for name in ("first.txt", "second.txt"))
    open(first, "w").close()
    os.link(first, second)
    open(second, "a").close()


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


def seen(paths):
    """Which of ``paths`` this worker sees: a file, or a folder with something in it."""
    return [p for p in paths if os.path.isfile(p) or (os.path.isdir(p) and os.listdir(p))]


def imported(name):
    return __import__(name).__name__
'''

#: Run by another Python (a venv's): grade the probe module in bubblewrap, print what it saw.
GRADE = '''
import json, sys
from graders.engine.remote import Worker

submission, secrets, imports = sys.argv[1], sys.argv[2].split(","), sys.argv[3].split(",")
worker = Worker(submission, "probe", memory_mb=1024)
try:
    module = worker.ensure_started()
    facts = module.facts(secrets[0])      # switches the guard rails off: seen() looks everywhere
    print(json.dumps({"facts": facts, "seen": module.seen(secrets),
                      "imported": [module.imported(name) for name in imports if name]}))
finally:
    worker.stop()
'''


@pytest.fixture
def probe_module(tmp_path):
    (tmp_path / "probe.py").write_text(PROBE)
    return tmp_path


def start(folder: Path, mode: str, monkeypatch, **kwargs) -> Worker:
    monkeypatch.setenv(sandbox.ENV, mode)
    return Worker(folder, "probe", memory_mb=1024, **kwargs)


def make_venv(folder: Path) -> Path:
    """A venv at ``folder`` that sees this Python's packages without installing any; its site-packages."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", "--system-site-packages", str(folder)],
                   check=True, capture_output=True)
    site = subprocess.run([folder / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          check=True, capture_output=True, text=True).stdout.strip()
    # Plain folders: their .pth files (an editable install of this kit) stay out.
    Path(site, "outer-site-packages.pth").write_text("".join(f"{p}\n" for p in sandbox.site_dirs()))
    return Path(site)


def copy_kit(target: Path, names=("graders", "solutions", "exercises", "tests")) -> Path:
    """This kit's folders (as they are now, not as committed) under ``target``."""
    for name in names:
        shutil.copytree(KIT / name, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return target


def grade_with(python: Path, tmp_path: Path, secrets: list[Path], pythonpath: Path | None = None,
               imports: tuple[str, ...] = ()) -> dict:
    """Grade the probe module in bubblewrap from another Python; what its worker saw."""
    submission = tmp_path / "submission"
    submission.mkdir()
    (submission / "probe.py").write_text(PROBE)
    (tmp_path / "grade.py").write_text(GRADE)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.update({sandbox.ENV: "bwrap", **({"PYTHONPATH": str(pythonpath)} if pythonpath else {})})
    done = subprocess.run([python, tmp_path / "grade.py", submission, ",".join(map(str, secrets)),
                           ",".join(imports)], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- choosing a mode ---------------------------------------------------------------------------------
def test_mode_follows_dlgrade_sandbox(monkeypatch):
    monkeypatch.setenv(sandbox.ENV, "none")
    assert sandbox.mode() == "none" and "turned off (DLGRADE_SANDBOX=none)" in sandbox.describe()
    monkeypatch.setenv(sandbox.ENV, "chroot")
    with pytest.raises(sandbox.SandboxError, match="use one of auto, bwrap, none"):
        sandbox.mode()
    monkeypatch.setattr(sandbox, "diagnosis", lambda: sandbox.Diagnosis(
        False, "bubblewrap is not installed", sandbox.INSTALL_FIX))
    monkeypatch.setenv(sandbox.ENV, "auto")
    assert sandbox.mode() == "none"
    assert sandbox.describe().startswith("process isolation only: bubblewrap is not installed")
    monkeypatch.setenv(sandbox.ENV, "bwrap")
    with pytest.raises(sandbox.SandboxError, match="apt-get install bubblewrap"):
        sandbox.mode()


def fake_bwrap(monkeypatch, stderr: str, sysctls: dict[str, str]) -> list:
    """bubblewrap that fails with ``stderr`` on a kernel with ``sysctls``; the command lines it got."""
    runs = []

    def fake_run(argv, **kwargs):
        runs.append(argv)
        return subprocess.CompletedProcess(argv, 1, b"", stderr.encode())

    monkeypatch.setattr(sandbox.shutil, "which", lambda name: "/usr/bin/bwrap")
    monkeypatch.setattr(sandbox.subprocess, "run", fake_run)
    monkeypatch.setattr(sandbox, "_sysctl", sysctls.get)
    sandbox.diagnosis.cache_clear()
    return runs


def test_probe_runs_once_per_process(monkeypatch):
    runs = fake_bwrap(monkeypatch, "bwrap: Creating new namespace failed: Operation not permitted\n", {})
    try:
        assert sandbox.probe() == (False, "user namespaces are not allowed here "
                                          "(bwrap: Creating new namespace failed: Operation not permitted)")
        sandbox.probe()
        sandbox.diagnosis()
        assert len(runs) == 1 and runs[0][0] == "bwrap"
    finally:
        sandbox.diagnosis.cache_clear()


NO_PERMISSION = ("bwrap: No permissions to create a new namespace, likely because the kernel does not allow "
                 "non-privileged user namespaces. On e.g. debian this can be enabled with "
                 "'sysctl kernel.unprivileged_userns_clone=1'.")


@pytest.mark.parametrize("stderr, sysctls, reason, fix", [
    ("bwrap: setting up uid map: Permission denied", {"kernel/apparmor_restrict_unprivileged_userns": "1"},
     "AppArmor does not allow unprivileged user namespaces here (bwrap: setting up uid map: Permission denied)",
     "sudo sysctl kernel.apparmor_restrict_unprivileged_userns=0"),
    (NO_PERMISSION, {"kernel/unprivileged_userns_clone": "0"},
     f"this kernel does not allow unprivileged user namespaces ({NO_PERMISSION})",
     "sudo sysctl kernel.unprivileged_userns_clone=1"),
    ("bwrap: Creating new namespace failed: No space left on device", {"user/max_user_namespaces": "0"},
     "user namespaces are turned off", "sudo sysctl user.max_user_namespaces="),
    ("bwrap: Creating new namespace failed: Operation not permitted", {"user/max_user_namespaces": "15000"},
     "user namespaces are not allowed here", "docker run --security-opt seccomp=unconfined"),
    ("some warning\nbwrap: Can't mount proc on /newroot/proc: Operation not permitted\nmore", {},
     "bubblewrap could not start Python in a sandbox (bwrap: Can't mount proc on /newroot/proc: "
     "Operation not permitted)", "bwrap: Can't mount proc on /newroot/proc: Operation not permitted"),
    ("", {}, "bubblewrap could not start Python in a sandbox (bwrap exited with status 1)",
     "bwrap exited with status 1"),
])
def test_a_failed_probe_says_why_and_the_fix_that_applies(monkeypatch, stderr, sysctls, reason, fix):
    fake_bwrap(monkeypatch, stderr, sysctls)
    try:
        found = sandbox.diagnosis()
        line = doctor.bubblewrap_check()
    finally:
        sandbox.diagnosis.cache_clear()
    assert not found.works and found.reason.startswith(reason) and fix in found.fix
    assert "install bubblewrap" not in found.fix
    assert not line.ok and line.detail == f"{found.reason}: student code runs with process isolation only"
    assert line.fix == found.fix and not line.fix.lower().startswith("fix")    # printed after "fix: "


def test_doctor_says_to_install_bubblewrap_only_where_it_is_missing(monkeypatch):
    monkeypatch.setattr(sandbox.shutil, "which", lambda name: None)
    sandbox.diagnosis.cache_clear()
    try:
        line = doctor.bubblewrap_check()
    finally:
        sandbox.diagnosis.cache_clear()
    assert line.detail.startswith("bubblewrap is not installed") and "apt-get install bubblewrap" in line.fix


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


def test_bwrap_mounts_pythons_folders_on_top_of_the_sandboxs_own_places(tmp_path, monkeypatch):
    """A venv under /tmp (or libraries under /dev/shm) must land on the private /tmp, not under it."""
    folders = [Path(tempfile.mkdtemp(dir="/tmp")) / "venv-lib"]
    if Path("/dev/shm").is_dir():
        folders.append(Path(tempfile.mkdtemp(dir="/dev/shm")) / "lib")
    try:
        for folder in folders:
            folder.mkdir()
        monkeypatch.setenv("LD_LIBRARY_PATH", os.pathsep.join(map(str, [*folders, "/", "/tmp"])))
        argv = sandbox.bwrap_argv(tmp_path / "sub", tmp_path / "work")
    finally:
        for folder in folders:
            shutil.rmtree(folder.parent)
    work = argv.index("--bind")
    assert argv[work + 1:work + 3] == [str(tmp_path / "work"), "/tmp"]
    for folder in folders:
        at = argv.index(str(folder))
        assert argv[at - 1:at + 2] == ["--ro-bind", str(folder), str(folder)]
        assert at > work and at > argv.index("--dev") and at > argv.index("--proc")
    bound = [argv[i + 1] for i in range(len(argv) - 1) if argv[i] == "--ro-bind"]
    assert "/" not in bound and "/tmp" not in bound     # they would cover the sandbox's own places


def test_kit_folders_inside_a_bound_folder_are_hidden():
    inside = sandbox.hidden_dirs([KIT.parent])
    for name in ("solutions", "graders", "tests", ".git"):
        assert any((KIT / name).is_relative_to(folder) for folder in inside), name
    assert not [f for f in sandbox.hidden_dirs([KIT / ".venv"]) if f.is_relative_to(KIT)]  # bound alone


def test_a_kit_in_a_system_folder_is_hidden(monkeypatch):
    """A kit installed for the system Python (/usr/local/lib/python3.X/dist-packages) is visible in /usr."""
    installed = Path("/usr/local/lib/python3.11/dist-packages")
    monkeypatch.setattr(sandbox, "kit_dirs", lambda: [installed / "solutions", installed / "graders"])
    assert sandbox.hidden_dirs([]) == [installed / "graders", installed / "solutions"]


def test_a_kit_installed_in_site_packages_is_hidden_package_by_package(tmp_path, monkeypatch):
    site = tmp_path / "venv" / "lib" / "python3.11" / "site-packages"
    for name in ("solutions", "graders", "numpy"):
        (site / name).mkdir(parents=True)
    monkeypatch.setattr(sandbox, "KIT_ROOT", site)
    monkeypatch.setattr(sandbox, "_python_folders", lambda: [tmp_path / "venv", site])
    assert sandbox.hidden_dirs([tmp_path / "venv"]) == [site / "graders", site / "solutions"]


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
    assert facts["pid_namespace"] != os.readlink("/proc/self/ns/pid")   # its own process tree


def kit_files(root: Path) -> list[Path]:
    """A file from each of the kit's secret folders under ``root`` (the reference first)."""
    return [root / "solutions" / "softmax.py", root / "graders" / "sandbox.py", root / "exercises" / "softmax.py",
            root / "tests" / "test_sandbox.py"]


@needs_bwrap
def test_bwrap_works_with_a_venv_under_tmp(tmp_path):
    """The private /tmp used to cover a venv created under /tmp: bubblewrap found no Python to start."""
    site = make_venv(tmp_path / "venv")
    seen = grade_with(site.parents[2] / "bin" / "python", tmp_path, kit_files(KIT), pythonpath=KIT)
    assert seen["facts"]["server"] == "/dlgrade-worker/server.py"
    assert seen["facts"]["write_tmp"] == "allowed" and seen["facts"]["network"] == "OSError"
    assert seen["seen"] == [] and not seen["facts"]["kit_visible"]


@needs_bwrap
def test_bwrap_works_with_the_kit_and_its_venv_under_tmp(tmp_path):
    """A checkout under /tmp with its venv inside: only the venv is visible, none of the kit's folders."""
    kit = copy_kit(tmp_path / "kit")
    site = make_venv(kit / ".venv")
    seen = grade_with(site.parents[2] / "bin" / "python", tmp_path, kit_files(kit), pythonpath=kit)
    assert seen["facts"]["server"] == "/dlgrade-worker/server.py"
    assert seen["facts"]["import_solutions"] == "ModuleNotFoundError"
    assert seen["seen"] == [] and not seen["facts"]["secret_visible"]


@needs_bwrap
def test_bwrap_works_with_the_kit_installed_in_a_venv_under_tmp(tmp_path):
    """A regular install puts the kit in site-packages beside the libraries: hide the kit, not the libraries."""
    site = make_venv(tmp_path / "venv")
    copy_kit(site, names=("graders", "solutions", "exercises"))
    (site / "kit_neighbour.py").write_text("")
    seen = grade_with(site.parents[2] / "bin" / "python", tmp_path, kit_files(site)[:3], imports=("kit_neighbour",))
    assert seen["facts"]["server"] == "/dlgrade-worker/server.py"
    assert seen["imported"] == ["kit_neighbour"]
    assert seen["seen"] == []     # (``import solutions`` finds the empty folder that covers it, and nothing in it)


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
    assert not outside.exists() and not Path(f"{outside}.fifo").exists()


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


def test_grading_commands_refuse_student_code_without_the_sandbox_unless_asked_by_name(tmp_path, monkeypatch):
    """Where bubblewrap does not work, `grade` and `grade-class` say why and how to opt in, and grade
    nothing; --unsafe-no-sandbox (or DLGRADE_SANDBOX=none) grades with process isolation only; the
    kit's own reference is not student code."""
    from click.testing import CliRunner

    from graders.cli.kit import main as cli
    from tests.kit import make_submission

    monkeypatch.delenv(sandbox.ENV, raising=False)
    monkeypatch.setattr(sandbox, "diagnosis",
                        lambda: sandbox.Diagnosis(False, "bubblewrap is not installed", sandbox.INSTALL_FIX))
    student = make_submission(tmp_path / "class" / "ann")
    runner = CliRunner()
    for argv in (["grade", str(student), "--tasks", "softmax"],
                 ["grade-class", str(tmp_path / "class"), "--out", str(tmp_path / "out"), "--tasks", "softmax"]):
        refused = runner.invoke(cli, argv)
        assert refused.exit_code != 0, refused.output
        assert "bubblewrap is not installed" in refused.output and sandbox.UNSAFE_FLAG in refused.output
    assert not (tmp_path / "out").exists()
    graded = runner.invoke(cli, ["grade", str(student), "--tasks", "softmax", sandbox.UNSAFE_FLAG])
    assert graded.exit_code == 0, graded.output
    assert "process isolation only" in graded.output
    monkeypatch.setenv(sandbox.ENV, "none")
    assert runner.invoke(cli, ["grade", str(student), "--tasks", "softmax"]).exit_code == 0
    monkeypatch.delenv(sandbox.ENV)
    assert runner.invoke(cli, ["grade", str(KIT / "solutions"), "--tasks", "softmax"]).exit_code == 0
