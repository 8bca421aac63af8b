"""Copy or unpack one student's submission into a folder: regular files only, inside it, within limits.

A submission arrives as a folder, a zip or a tar archive. Whatever its form, what
gets graded is a fresh folder of plain files: no symbolic or hard links (which could
point at the reference solutions), no entry that would land outside the folder
(``../x``, ``/etc/x``), no caches, and no more than ``MAX_FILES`` files and
``MAX_BYTES`` bytes (a zip bomb stops at the limit, whatever its headers claim).
Entries left out are listed so the student's feedback can say so.
"""
from __future__ import annotations

import os
import stat
import tarfile
import zipfile
from pathlib import Path, PurePosixPath

ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
MAX_FILES = 2000
MAX_BYTES = 200 * 1024 * 1024
SKIPPED_NAMES = frozenset({"__pycache__", "__MACOSX", ".git", ".ipynb_checkpoints", ".DS_Store"})
CHUNK = 1024 * 1024


class ArchiveError(Exception):
    """The submission cannot be unpacked (unreadable, or over the limits)."""


def archive_suffix(path: Path) -> str | None:
    """The archive suffix of ``path`` (``.tar.gz`` ...), or None if it is not an archive."""
    name = path.name.lower()
    return next((s for s in ARCHIVE_SUFFIXES if name.endswith(s)), None)


def unpack(source: Path, dest: Path) -> list[str]:
    """Put the files of ``source`` (folder or archive) into ``dest``; return what was left out."""
    dest.mkdir(parents=True, exist_ok=True)
    budget = _Budget()
    suffix = archive_suffix(source)
    try:
        if source.is_dir():
            return _copy_folder(source, dest, budget)
        if suffix == ".zip":
            return _unzip(source, dest, budget)
        if suffix is not None:
            return _untar(source, dest, budget)
    except (zipfile.BadZipFile, tarfile.TarError, EOFError, RuntimeError, NotImplementedError,
            OSError) as exc:
        raise ArchiveError(f"{source.name} could not be read ({exc})") from None
    raise ArchiveError(f"{source.name} is neither a folder nor an archive ({', '.join(ARCHIVE_SUFFIXES)})")


class _Budget:
    def __init__(self):
        self.files = self.bytes = 0

    def add_file(self) -> None:
        self.files += 1
        if self.files > MAX_FILES:
            raise ArchiveError(f"the submission has more than {MAX_FILES} files")

    def add_bytes(self, n: int) -> None:
        self.bytes += n
        if self.bytes > MAX_BYTES:
            raise ArchiveError(f"the submission is larger than {MAX_BYTES // 2**20} MB")


def _copy_folder(source: Path, dest: Path, budget: _Budget) -> list[str]:
    skipped = []
    for root, dirs, files in os.walk(source):
        dirs[:] = sorted(d for d in dirs if _wanted(d) and not _skip_link(Path(root, d), source, skipped))
        for name in sorted(files):
            path = Path(root, name)
            relative = path.relative_to(source).as_posix()
            if not _wanted(name):
                continue
            if _skip_link(path, source, skipped):
                continue
            if not stat.S_ISREG(path.lstat().st_mode):
                skipped.append(f"{relative} (not a regular file)")
                continue
            with open(path, "rb") as f:
                _write(f, dest / relative, budget)
    return skipped


def _skip_link(path: Path, source: Path, skipped: list[str]) -> bool:
    if path.is_symlink():
        skipped.append(f"{path.relative_to(source).as_posix()} (a symbolic link)")
        return True
    return False


def _unzip(source: Path, dest: Path, budget: _Budget) -> list[str]:
    skipped = []
    with zipfile.ZipFile(source) as archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            name = _safe_name(info.filename)
            kind = stat.S_IFMT(info.external_attr >> 16)   # 0 where the zip tool stored no file type
            if name is None:
                skipped.append(f"{info.filename} (outside the submission folder)")
            elif kind and kind != stat.S_IFREG:
                skipped.append(f"{info.filename} (a link or special file)")
            elif all(_wanted(part) for part in name.parts):
                with archive.open(info) as f:
                    _write(f, dest / name, budget)
    return skipped


def _untar(source: Path, dest: Path, budget: _Budget) -> list[str]:
    skipped = []
    with tarfile.open(source) as archive:
        for member in archive:
            if member.isdir():
                continue
            name = _safe_name(member.name)
            if name is None:
                skipped.append(f"{member.name} (outside the submission folder)")
            elif not member.isreg():
                skipped.append(f"{member.name} (a link or special file)")
            elif all(_wanted(part) for part in name.parts):
                _write(archive.extractfile(member), dest / name, budget)
    return skipped


def _safe_name(name: str) -> PurePosixPath | None:
    """The entry's path inside the submission, or None if it would land outside it."""
    path = PurePosixPath(name.replace("\\", "/"))
    parts = [p for p in path.parts if p not in ("", ".")]
    if path.is_absolute() or not parts or ".." in parts or ":" in parts[0]:
        return None
    return PurePosixPath(*parts)


def _wanted(name: str) -> bool:
    return name not in SKIPPED_NAMES and not name.startswith(".") and not name.endswith(".pyc")


def _write(source, target: Path, budget: _Budget) -> None:
    budget.add_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as out:
        while chunk := source.read(CHUNK):
            budget.add_bytes(len(chunk))
            out.write(chunk)
