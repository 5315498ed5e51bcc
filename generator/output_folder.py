"""The output folder's safety rules: the generator replaces only what it can tell it wrote.

- Every site the generator writes carries a marker file, `.generator-output`, listing every file and
  folder it wrote. A target folder may be replaced only when it is absent, empty, or carries the
  marker and holds nothing the marker does not list; never when it is, holds or lies inside the
  content folder or the archive, and never when it is the project root, the current folder or an
  ancestor of either (`check_output_folder`).
- A site is built in a staging folder beside its target (`.site-XXXXXXXX/`; a bundle's in
  `dist/.bundle-XXXXXXXX/`), which carries its own marker, `.generator-staging`, locked (flock) for as
  long as the process that made it runs. A staging folder whose lock is free was left by a process
  that was killed: the next run removes it (`remove_leftover_staging`).
- The new site takes the old one's place in one step: renameat2(RENAME_EXCHANGE) swaps the two
  folders atomically, so at every instant the target holds either the complete old site or the
  complete new one (`swap_in`). Where the call is missing (not Linux, a C library older than glibc
  2.28) or the file system refuses it, the fallback is two renames (old site into the staging folder,
  new site into place); a kill between them leaves no target folder for a moment, and the next run
  moves the old site back before doing anything else.

GENERATOR_FAULT_AT names a point (see FAULT_POINTS) at which the process kills itself with SIGKILL:
the tests use it to check that a kill anywhere leaves a complete site.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

from .errors import GeneratorError, display_path
from .settings import PROJECT_ROOT
from .voice import Message, figure, t, tn

OUTPUT_MARKER = ".generator-output"
STAGING_MARKER = ".generator-staging"
MARKER_HEADING = "# written by python -m generator; the next build replaces this folder and everything listed here\n"
PREVIOUS = "previous"  # where the fallback swap parks the old site inside the staging folder

FAULT_POINTS = ("staging-created", "site-built", "marker-written", "between-renames", "swapped", "old-site-half-removed")

_AT_FDCWD = -100
_RENAME_NOREPLACE = 1
_RENAME_EXCHANGE = 2


class OutputFolderError(GeneratorError):
    """The output folder is one the generator must not replace or write into."""


def check_output_folder(target: Path, content: Path | None = None, archive: Path | None = None) -> None:
    """Refuse (OutputFolderError) a target folder the generator may not replace; see the module's rules."""
    shown = display_path(target, None)
    choose = t("choose a new or empty folder with --out DIR")
    if target.is_symlink():
        raise OutputFolderError(t("{folder}: the output folder is a symbolic link; the generator replaces only a folder it wrote "
                                  "({choose})", folder=shown, choose=choose))
    resolved = target.resolve()
    sources = _source_folders(content, archive)
    for folder, what in [*sources, (PROJECT_ROOT.resolve(), t("the project")), (Path.cwd().resolve(), t("the current folder"))]:
        if resolved == folder:
            raise OutputFolderError(t("{folder}: the output folder is {what}, which the build would delete ({choose})",
                                      folder=shown, what=what, choose=choose))
        if folder.is_relative_to(resolved):
            raise OutputFolderError(t("{folder}: the output folder holds {what}, which the build would delete ({choose})",
                                      folder=shown, what=what, choose=choose))
    for folder, what in sources:
        if resolved.is_relative_to(folder):
            raise OutputFolderError(t("{folder}: the output folder is inside {what} ({choose} outside it)",
                                      folder=shown, what=what, choose=choose))
    if not resolved.exists():
        return
    if not resolved.is_dir():
        raise OutputFolderError(t("{folder}: is a file, not a folder; the build would delete it ({choose})", folder=shown, choose=choose))
    foreign = foreign_entries(resolved)
    if foreign:
        files: Message | str = ", ".join(foreign[:3])
        if len(foreign) > 3:
            files = tn("{files} and {number} more", "{files} and {number} more", len(foreign) - 3, files=files,
                       number=figure(len(foreign) - 3))
        raise OutputFolderError(t("{folder}: the folder holds files the generator did not write ({files}); the build would delete "
                                  "them (move them away, or {choose})", folder=shown, files=files, choose=choose))


def check_archive_folder(out: Path, content: Path | None, archive: Path | None) -> None:
    """Refuse a folder for the bundle's archive that is a file, or lies inside the content or the archive."""
    shown = display_path(out, None)
    choose = t("choose another folder with --out DIR")
    resolved = out.resolve()
    for folder, what in _source_folders(content, archive):
        if resolved.is_relative_to(folder):
            raise OutputFolderError(t("{folder}: the folder for the archive is inside {what} ({choose})",
                                      folder=shown, what=what, choose=choose))
    if resolved.exists() and not resolved.is_dir():
        raise OutputFolderError(t("{folder}: is a file, not a folder ({choose})", folder=shown, choose=choose))


def _source_folders(content: Path | None, archive: Path | None) -> list[tuple[Path, Message]]:
    """The folders the build reads: no output may be, hold or lie inside them."""
    folders = []
    if content is not None:
        folders.append((content.resolve(), t("the content folder {folder}", folder=display_path(content, None))))
    if archive is not None:
        folders.append((archive.resolve(), t("the archive folder {folder}", folder=display_path(archive, None))))
    return folders


def foreign_entries(folder: Path) -> list[str]:
    """The paths under folder (relative, sorted) that its marker does not list; every path when it has no marker."""
    found = sorted(_relative_paths(folder))
    if not found:
        return []
    marker = folder / OUTPUT_MARKER
    if marker.is_symlink() or not marker.is_file():
        return found
    written = set(marker.read_text(encoding="utf-8", errors="replace").splitlines()[1:])
    written.add(OUTPUT_MARKER)
    return [path for path in found if path not in written]


def _relative_paths(folder: Path) -> Iterator[str]:
    for directory, folders, files in os.walk(folder):
        base = Path(directory).relative_to(folder)
        for name in folders + files:
            yield (base / name).as_posix()


def write_output_marker(site: Path) -> None:
    """List every path under site in its marker, so that the next build knows what it may replace."""
    paths = sorted(path for path in _relative_paths(site) if path != OUTPUT_MARKER)
    (site / OUTPUT_MARKER).write_text(MARKER_HEADING + "".join(f"{path}\n" for path in paths), encoding="utf-8")


@contextlib.contextmanager
def staging_folder(parent: Path, prefix: str, target: Path | None = None) -> Iterator[Path]:
    """A new folder parent/<prefix>XXXXXXXX carrying a locked staging marker; removed on the way out, whatever happens.

    Staging folders that killed runs left under the same prefix are removed first (see remove_leftover_staging).
    """
    parent.mkdir(parents=True, exist_ok=True)
    remove_leftover_staging(parent, prefix, target)
    while True:
        folder = parent / f"{prefix}{os.urandom(4).hex()}"
        try:
            folder.mkdir()
            break
        except FileExistsError:
            continue
    lock = os.open(folder / STAGING_MARKER, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        os.write(lock, f"staging folder of python -m generator, process {os.getpid()}\n".encode())
        fault_point("staging-created")
        yield folder
    finally:
        _remove_staging(folder)
        os.close(lock)


def _remove_staging(folder: Path) -> None:
    """Everything but the marker first, the marker last: a kill half-way leaves a folder still recognised as ours."""
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.name == STAGING_MARKER:
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    with contextlib.suppress(FileNotFoundError):
        (folder / STAGING_MARKER).unlink()
    with contextlib.suppress(FileNotFoundError):
        folder.rmdir()


def remove_leftover_staging(parent: Path, prefix: str, target: Path | None = None) -> list[Path]:
    """Remove staging folders parent/<prefix>* that a killed run left; return them.

    Only folders carrying the staging marker, with its lock free (the process that made them is gone), are
    touched. When target is missing and a leftover holds the old site the fallback swap parked there,
    that site is moved back first.
    """
    removed = []
    for folder in sorted(parent.glob(f"{prefix}*")) if parent.is_dir() else []:
        marker = folder / STAGING_MARKER
        if folder.is_symlink() or not folder.is_dir() or marker.is_symlink() or not marker.is_file():
            continue
        try:
            lock = os.open(marker, os.O_RDWR | os.O_CLOEXEC)
        except OSError:  # another user's, in a shared temporary folder
            continue
        try:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # another build is using it
            previous = folder / PREVIOUS
            if target is not None and previous.is_dir() and not target.exists() and not target.is_symlink():
                previous.rename(target)
            _remove_staging(folder)
            removed.append(folder)
        finally:
            os.close(lock)
    return removed


def swap_in(new: Path, target: Path) -> None:
    """Put the folder new in target's place; the old site is removed once the new one is in.

    new must lie in a staging folder beside target. Target is either the complete old site or the complete
    new one at every instant where renameat2 is available (see the module's notes for the fallback).
    """
    fault_point("site-built")
    check_output_folder(target)  # again: the folder may have changed while the site was built
    write_output_marker(new)
    fault_point("marker-written")
    staging = new.parent
    if target.exists() or target.is_symlink():
        if not _exchange(new, target):
            os.rename(target, staging / PREVIOUS)
            fault_point("between-renames")
            os.rename(new, target)
        fault_point("swapped")
        old = new if new.exists() else staging / PREVIOUS
        for index, path in enumerate(sorted(old.iterdir())):
            if index == 1:
                fault_point("old-site-half-removed")
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
        old.rmdir()
    elif not _rename_no_replace(new, target):
        os.rename(new, target)


def _renameat2() -> object | None:
    with contextlib.suppress(OSError, AttributeError):
        return ctypes.CDLL(None, use_errno=True).renameat2
    return None


def _call_renameat2(source: Path, destination: Path, flags: int) -> bool:
    """renameat2(source, destination, flags); False when the system or the file system does not offer it."""
    function = _renameat2()
    if function is None:
        return False
    if function(_AT_FDCWD, os.fsencode(source), _AT_FDCWD, os.fsencode(destination), flags) == 0:  # type: ignore[operator]
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(destination))


def _exchange(new: Path, target: Path) -> bool:
    return _call_renameat2(new, target, _RENAME_EXCHANGE)


def _rename_no_replace(new: Path, target: Path) -> bool:
    return _call_renameat2(new, target, _RENAME_NOREPLACE)


def fault_point(name: str) -> None:
    """Kill this process here when GENERATOR_FAULT_AT names this point: the tests' way to stop a build anywhere."""
    if os.environ.get("GENERATOR_FAULT_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)



FULL_DISK_BYTES = 1024 * 1024  # less room than this, and a language's build cannot even write its log


def stopped_without_a_word(exit_code: int, staging: Path) -> Message:
    """Why a language's build stopped when it left no log: most often, the disk is full."""
    free = shutil.disk_usage(staging).free
    if free < FULL_DISK_BYTES:
        return tn("the build stopped with exit code {code}: the disk that holds {folder} has {number} byte free (free some "
                  "space, or build into a folder on another disk with --out DIR)",
                  "the build stopped with exit code {code}: the disk that holds {folder} has {number} bytes free (free some "
                  "space, or build into a folder on another disk with --out DIR)", free, code=exit_code,
                  folder=display_path(staging.parent, None), number=figure(free))
    return t("the build stopped with exit code {code}", code=exit_code)
