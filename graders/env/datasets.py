"""MNIST and Fashion-MNIST as uint8 numpy arrays, checked against ``data/manifest.json``.

    ds = load("mnist")              # or load("fashion-mnist"); same API
    ds.x_train   # uint8 (60000, 28, 28), pixels 0..255
    ds.y_train   # uint8 (60000,), labels 0..9
    ds.x_test    # uint8 (10000, 28, 28)
    ds.y_test    # uint8 (10000,)

Every file is validated before it is used: the IDX header (magic number, element
type, dimensions), its length (a truncated file is caught), and the SHA-256 of its
uncompressed IDX content against the manifest. The content hash is the same for
the official ``.gz``, a re-compressed ``.gz`` (Debian's package) and a raw IDX
file, so all three are accepted. A bad file raises :class:`DatasetError` whose
message names the file and says what to do.

Where the files are looked for, in this order (the first folder holding the
dataset wins):

1. ``path`` given by the caller (``load(name, path=...)``, ``dlgrade data verify
   --path DIR``). It must hold the files; anything else is an error.
2. ``$DLGRADE_DATA``: its subfolder named after the dataset (``$DLGRADE_DATA/mnist``)
   or the folder itself. A folder holding *another* dataset's files is passed
   over, so ``DLGRADE_DATA=.../mnist`` does not hide Fashion-MNIST.
3. the kit's cache, ``$DLGRADE_CACHE/<name>`` (default ``<kit>/data/cache/<name>``,
   git-ignored).
4. system folders named in the manifest (Debian's ``dataset-fashion-mnist`` installs
   ``/usr/share/datasets/fashion-mnist``).
5. a download from the manifest's mirrors into the cache, with a progress bar,
   unless ``download=False`` or ``DLGRADE_OFFLINE=1``. Offline with no files, one
   :class:`DatasetNotFound` message says where to put them.

This module must not import torch (``import torch`` costs seconds and ``dlgrade
data``/``doctor`` do not need it).
"""
from __future__ import annotations

import functools
import gzip
import hashlib
import json
import os
import sys
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from graders.kit import GRADERS, KIT_ROOT

MANIFEST = KIT_ROOT / "data" / "manifest.json"
#: The copy the student release installs inside the package (a release installed from its archive
#: has no data/ folder beside it).
PACKAGED_MANIFEST = GRADERS / "dataset_manifest.json"
DATA_ENV, CACHE_ENV, OFFLINE_ENV = "DLGRADE_DATA", "DLGRADE_CACHE", "DLGRADE_OFFLINE"
ROLES = ("train_images", "train_labels", "test_images", "test_labels")
IDX_UBYTE = 0x08
DOWNLOAD_TIMEOUT_S = 30
CHUNK = 1 << 16


class DatasetError(Exception):
    """A dataset file that is missing, corrupt, truncated or not the right file; the message says the fix."""


class DatasetNotFound(DatasetError):
    """No folder holds the dataset and it could not be downloaded."""


@dataclass(frozen=True)
class Dataset:
    """One dataset, loaded and verified. The arrays are read-only (they are shared by every caller)."""

    name: str
    title: str
    classes: tuple[str, ...]
    folder: Path
    x_train: np.ndarray   # uint8 (60000, 28, 28)
    y_train: np.ndarray   # uint8 (60000,)
    x_test: np.ndarray    # uint8 (10000, 28, 28)
    y_test: np.ndarray    # uint8 (10000,)


@dataclass(frozen=True)
class FileCheck:
    """The outcome of checking one file (``dlgrade data verify``)."""

    role: str
    path: Path | None
    ok: bool
    detail: str


# -- the manifest -------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def manifest() -> dict:
    path = MANIFEST if MANIFEST.is_file() or not PACKAGED_MANIFEST.is_file() else PACKAGED_MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DatasetError(f"the dataset manifest {path} cannot be read ({exc}); "
                           "restore it from the kit's repository") from None


def names() -> list[str]:
    return list(manifest()["datasets"])


def spec(name: str) -> dict:
    try:
        return manifest()["datasets"][name]
    except KeyError:
        raise DatasetError(f"unknown dataset '{name}'; the kit knows: {', '.join(names())}") from None


def file_names(name: str) -> list[str]:
    return [spec(name)["files"][role]["file"] for role in ROLES]


def cache_dir(name: str) -> Path:
    root = os.environ.get(CACHE_ENV) or KIT_ROOT / "data" / "cache"
    return Path(root) / spec(name)["folder"]


# -- reading and checking one file ------------------------------------------------------

def find_file(folder: Path, entry: dict) -> Path | None:
    """The file for one manifest entry in ``folder``: the ``.gz`` name first, then the raw names."""
    for file_name in (entry["file"], *entry.get("raw_names", ())):
        path = Path(folder) / file_name
        if path.is_file():
            return path
    return None


def read_content(path: Path) -> bytes:
    """The IDX bytes of ``path``, decompressed when it is gzip (detected by its magic bytes, not its name)."""
    data = Path(path).read_bytes()
    if data[:2] != b"\x1f\x8b":
        return data
    try:
        return gzip.decompress(data)
    except (EOFError, OSError, zlib.error) as exc:
        raise DatasetError(f"{path} is not a complete gzip file ({exc}): it is truncated or corrupt") from None


def parse_idx(content: bytes, path: Path | str = "<bytes>") -> np.ndarray:
    """An IDX file's content as a read-only uint8 array of the shape its header gives.

    The header is 2 zero bytes, the element type (0x08 = unsigned byte), the number of
    dimensions, then each dimension as a big-endian uint32. The magic number is the
    first 4 bytes read as big-endian: 2049 for labels (1 dim), 2051 for images (3 dims).
    """
    if len(content) < 4 or content[:2] != b"\x00\x00":
        raise DatasetError(f"{path} is not an IDX file (it does not start with an IDX magic number)")
    if content[2] != IDX_UBYTE:
        raise DatasetError(f"{path} is an IDX file of element type 0x{content[2]:02x}, not unsigned bytes (0x08)")
    ndim = content[3]
    header = 4 + 4 * ndim
    if len(content) < header:
        raise DatasetError(f"{path} is truncated: it ends inside its header")
    dims = tuple(int(d) for d in np.frombuffer(content, dtype=">u4", count=ndim, offset=4))
    size = int(np.prod(dims, dtype=np.int64))
    if len(content) - header < size:
        raise DatasetError(f"{path} is truncated: its header promises {size:,} bytes of data "
                           f"{dims}, the file holds {len(content) - header:,}")
    if len(content) - header > size:
        raise DatasetError(f"{path} has {len(content) - header - size:,} bytes after the data its header describes")
    return np.frombuffer(content, dtype=np.uint8, count=size, offset=header).reshape(dims)


def check_file(name: str, role: str, path: Path) -> np.ndarray:
    """Read one dataset file and check it against the manifest; the array, or a DatasetError saying the fix."""
    entry = spec(name)["files"][role]
    try:
        content = read_content(path)
        array = parse_idx(content, path)
    except DatasetError as exc:
        raise DatasetError(f"{exc}. {fix_text(name)}") from None
    except OSError as exc:
        raise DatasetError(f"{path} cannot be read ({exc.strerror or exc}). {fix_text(name)}") from None
    magic = int.from_bytes(content[:4], "big")
    if magic != entry["magic"]:
        kind = {2049: "a label file", 2051: "an image file"}.get(magic, f"magic number {magic}")
        raise DatasetError(f"{path} is {kind}, but {entry['file']} should have magic number {entry['magic']}: "
                           f"the wrong file is under this name. {fix_text(name)}")
    if list(array.shape) != entry["shape"]:
        raise DatasetError(f"{path} holds an array of shape {array.shape}, {spec(name)['title']} has "
                           f"{tuple(entry['shape'])}: the wrong file is under this name. {fix_text(name)}")
    digest = hashlib.sha256(content).hexdigest()
    if digest != entry["idx_sha256"]:
        other = _owner_of(digest)
        what = (f"is the {other} file, not {spec(name)['title']}'s" if other else
                "does not match the manifest (SHA-256 of its uncompressed content is "
                f"{digest[:16]}..., expected {entry['idx_sha256'][:16]}...): it is corrupt or a different version")
        raise DatasetError(f"{path} {what}. {fix_text(name)}")
    return array


def _owner_of(digest: str) -> str:
    for other, info in manifest()["datasets"].items():
        for role, entry in info["files"].items():
            if entry["idx_sha256"] == digest:
                return f"{info['title']} {role.replace('_', ' ')}"
    return ""


def fix_text(name: str) -> str:
    text = (f"Fix: delete the file and run `dlgrade data fetch {name}` (needs internet), or copy the "
            f"official files ({', '.join(file_names(name))}) into a folder and set {DATA_ENV} to it")
    if spec(name).get("apt_package"):
        text += f" (or reinstall them: sudo apt-get install --reinstall {spec(name)['apt_package']})"
    return text + "; data/README.md has the checksums."


# -- where the files are ---------------------------------------------------------------

def candidates(name: str, path: Path | str | None = None) -> list[tuple[str, Path]]:
    """Folders to look in, in order, each with why it is looked at."""
    folder = spec(name)["folder"]
    found = []
    if path is not None:
        found.append(("given path", Path(path)))
    env = os.environ.get(DATA_ENV)
    if env:
        found += [(f"${DATA_ENV}/{folder}", Path(env) / folder), (f"${DATA_ENV}", Path(env))]
    found.append(("kit cache", cache_dir(name)))
    found += [("system folder", Path(p)) for p in spec(name).get("system_dirs", [])]
    return found


def folder_state(name: str, folder: Path) -> tuple[str, list[str]]:
    """``("ok" | "empty" | "incomplete" | "other", details)`` for one candidate folder.

    "other" means the folder holds a complete set of another dataset's files
    (recognised by its training labels, 60 KB, so this is cheap).
    """
    files = spec(name)["files"]
    present = {role: find_file(folder, files[role]) for role in ROLES}
    missing = [files[role]["file"] for role, p in present.items() if p is None]
    if len(missing) == len(ROLES):
        return "empty", missing
    if missing:
        return "incomplete", missing
    try:
        digest = hashlib.sha256(read_content(present["train_labels"])).hexdigest()
    except (DatasetError, OSError):
        return "ok", []  # the full check will say what is wrong with it
    for other, info in manifest()["datasets"].items():
        if other != name and info["files"]["train_labels"]["idx_sha256"] == digest:
            return "other", [info["title"]]
    return "ok", []


def locate(name: str, path: Path | str | None = None) -> Path | None:
    """The first folder that holds ``name``'s files, or None. Never downloads.

    A ``path`` given by the caller must hold the dataset. A folder found on the way
    that holds only some of the files is an error (it is clearly meant to hold
    them), except the cache, which a later download completes.
    """
    title = spec(name)["title"]
    for why, folder in candidates(name, path):
        state, details = folder_state(name, folder)
        if state == "ok":
            return folder
        if why == "given path":
            if state == "other":
                raise DatasetError(f"{folder} holds {details[0]} files, not {title}. Give the folder "
                                   f"that holds {title}.")
            raise DatasetNotFound(f"{folder} does not hold {title}: missing {', '.join(details)}. "
                                  f"Copy the files there, or download them with "
                                  f"`dlgrade data fetch {name} --path {folder}` (needs internet).")
        if state == "incomplete" and why != "kit cache":
            raise DatasetNotFound(f"{folder} ({why}) holds only some of {title}'s files: missing "
                                  f"{', '.join(details)}. Copy the missing files there, or remove the "
                                  "folder so the others are looked at.")
    return None


def not_found_message(name: str, reason: str) -> str:
    info = spec(name)
    lines = [f"{info['title']} was not found on this machine, and {reason}.",
             "Put the four files",
             f"    {', '.join(file_names(name))}",
             f"into {cache_dir(name)} (the kit's cache), or into any folder and set {DATA_ENV} to it"]
    if info.get("apt_package"):
        lines.append(f"(or install them with: sudo apt-get install {info['apt_package']})")
    lines.append(f"Looked in: {'; '.join(f'{p} ({why})' for why, p in candidates(name))}.")
    return "\n".join(lines)


# -- loading ----------------------------------------------------------------------------

def load(name: str = "mnist", path: Path | str | None = None, *, download: bool | None = None) -> Dataset:
    """Load and verify a dataset (see the module docstring for where it is looked for).

    Args:
        name: "mnist" or "fashion-mnist".
        path: a folder that must hold the files (overrides the search).
        download: True: download when not found; False: never; None (default):
            download unless the environment sets DLGRADE_OFFLINE=1.

    Returns:
        a :class:`Dataset` of read-only uint8 arrays. Loading again is free (cached
        in this process as long as the files are unchanged).
    """
    folder = locate(name, path)
    if folder is None:
        if download is False or (download is None and os.environ.get(OFFLINE_ENV)):
            raise DatasetNotFound(not_found_message(name, "downloading is switched off"))
        folder = fetch(name)
    return _load_folder(name, str(Path(folder).resolve()), _signature(name, Path(folder)))


def _signature(name: str, folder: Path) -> tuple:
    """Size and mtime of each file: a changed file is loaded (and checked) again."""
    paths = [find_file(folder, spec(name)["files"][role]) for role in ROLES]
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in paths if p is not None)


@functools.lru_cache(maxsize=4)
def _load_folder(name: str, folder: str, signature: tuple) -> Dataset:
    info = spec(name)
    arrays = {}
    for role in ROLES:
        path = find_file(Path(folder), info["files"][role])
        if path is None:
            raise DatasetNotFound(f"{info['files'][role]['file']} disappeared from {folder}. {fix_text(name)}")
        arrays[role] = check_file(name, role, path)
    return Dataset(name, info["title"], tuple(info["classes"]), Path(folder),
                   arrays["train_images"], arrays["train_labels"], arrays["test_images"], arrays["test_labels"])


def verify(name: str, path: Path | str | None = None) -> list[FileCheck]:
    """Check every file of ``name`` where :func:`load` would find it, collecting problems instead of raising."""
    folder = locate(name, path)
    if folder is None:
        return [FileCheck(role, None, False, "not found") for role in ROLES]
    checks = []
    for role in ROLES:
        file = find_file(folder, spec(name)["files"][role])
        try:
            array = check_file(name, role, file)
        except DatasetError as exc:
            checks.append(FileCheck(role, file, False, str(exc)))
        else:
            checks.append(FileCheck(role, file, True, f"{array.shape} uint8, SHA-256 matches the manifest"))
    return checks


# -- downloading ------------------------------------------------------------------------

def fetch(name: str, dest: Path | str | None = None, mirrors: list[str] | None = None,
          progress: bool | None = None) -> Path:
    """Download the files of ``name`` that ``dest`` (default: the kit's cache) lacks, verified.

    Each file goes to ``<file>.part`` first and is renamed only once its content
    matches the manifest's SHA-256, so an interrupted download never leaves a bad
    file behind. Mirrors are tried in order. Returns the folder.
    """
    info = spec(name)
    dest = Path(dest) if dest is not None else cache_dir(name)
    mirrors = list(mirrors if mirrors is not None else info["mirrors"])
    dest.mkdir(parents=True, exist_ok=True)
    show = sys.stderr.isatty() if progress is None else progress
    for role in ROLES:
        entry = info["files"][role]
        existing = find_file(dest, entry)
        if existing is not None:
            check_file(name, role, existing)
            continue
        _fetch_one(name, role, dest, mirrors, show)
    return dest


def _fetch_one(name: str, role: str, dest: Path, mirrors: list[str], show: bool) -> None:
    entry = spec(name)["files"][role]
    target, part = dest / entry["file"], dest / (entry["file"] + ".part")
    network_errors, bad_files = [], []
    for mirror in mirrors:
        url = mirror.rstrip("/") + "/" + entry["file"]
        try:
            _download(url, part, show)
        except (urllib.error.URLError, OSError, TimeoutError) as exc:
            network_errors.append(f"{url}: {getattr(exc, 'reason', exc)}")
            part.unlink(missing_ok=True)
            continue
        try:
            check_file(name, role, part)
        except DatasetError:
            bad_files.append(url)
            part.unlink(missing_ok=True)
            continue
        os.replace(part, target)
        return
    if bad_files:
        raise DatasetError(f"{entry['file']} downloaded from {', '.join(bad_files)} does not match the "
                           "manifest's SHA-256 (the mirror serves a different or damaged file). "
                           f"Copy the official file into {dest} by hand.")
    reason = "it could not be downloaded (no internet connection?): " + "; ".join(network_errors[:2])
    raise DatasetNotFound(not_found_message(name, reason))


def _download(url: str, part: Path, show: bool) -> None:
    with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT_S) as response, open(part, "wb") as out:
        total = int(response.headers.get("Content-Length") or 0) or None
        with _progress_bar(url.rsplit("/", 1)[-1], total, show) as advance:
            while chunk := response.read(CHUNK):
                out.write(chunk)
                advance(len(chunk))


class _progress_bar:
    """A rich progress bar on a terminal; a start and an end line otherwise."""

    def __init__(self, label: str, total: int | None, show: bool):
        self.label, self.total, self.show = label, total, show
        self.done, self.bar = 0, None

    def __enter__(self):
        if self.show:
            from rich import progress  # start-up time: only while downloading

            self.bar = progress.Progress(progress.TextColumn("{task.description}"), progress.BarColumn(),
                                         progress.DownloadColumn(), progress.TransferSpeedColumn(), transient=False)
            self.bar.start()
            self.task = self.bar.add_task(f"downloading {self.label}", total=self.total)
        else:
            print(f"downloading {self.label} ...", file=sys.stderr, flush=True)
        return self.advance

    def advance(self, n: int) -> None:
        self.done += n
        if self.bar is not None:
            self.bar.update(self.task, advance=n)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()
        elif exc[0] is None:
            print(f"downloaded {self.label} ({self.done / 1e6:.1f} MB)", file=sys.stderr, flush=True)
