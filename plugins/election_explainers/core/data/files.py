"""Find and read editors' files without trusting the file system; write generated ones whole.

Only regular files are read. A named pipe would block a read for ever, a
device can be endless, and a link can point outside the folder (publishing
whatever it points at) or nowhere at all; each of those is a problem at
``path:1:1`` instead. Reads stop at a size cap, so even a file that grows or
is swapped between the check and the read cannot make us read without end.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

MiB = 1024 * 1024


def write_whole(path: Path, pieces: Iterable[str]) -> None:
    """Write the text ``pieces`` make to ``path`` at once: to a temporary file, then renamed.

    A build stopped half-way leaves the last whole file, and a server sending the file
    meanwhile (``serve``) sends the old one or the new one.  Pieces rather than one string:
    an index or a build state of a large site is tens of megabytes as one string."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with temporary.open("w", encoding="utf-8") as out:
        out.writelines(pieces)
    os.replace(temporary, path)


def display_path(path: Path, root: Path | None = None) -> str:
    """``path`` relative to ``root`` (the working folder) where it lies inside it."""
    root = Path.cwd() if root is None else root
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def fingerprint(raw: bytes) -> str:
    """A short hash of a file's bytes: equal fingerprints, same content."""
    return hashlib.blake2b(raw, digest_size=12).hexdigest()


# (size, mtime_ns, inode) of what will be read: equal keys mean an unchanged file.
StatKey = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class Entry:
    """A file found under a folder: where to read it, or why it is not read."""

    path: Path
    relative: tuple[str, ...]  # folders between the top folder and the file
    name: str
    real: str | None  # the path to open (a link's target), None when not readable
    key: StatKey | None
    problem: str | None  # why the file is not read, when ``real`` is None
    folder: bool = False  # a linked or unreadable folder, not a file


def walk(top: Path, label: str) -> Iterator[Entry]:
    """Every file under ``top`` (dot-folders skipped), in sorted order, each classified once.

    Linked folders are never entered: one pointing outside would publish what
    is there, one pointing inside would list its files twice. They come out as
    entries with a problem, like everything else that is not a readable file.
    ``label`` names the folder in messages ("the data folder").
    """
    inside = os.path.realpath(top)
    unreadable: list[OSError] = []
    for folder, dirs, files in os.walk(top, onerror=unreadable.append):
        yield from _unreadable_folders(top, unreadable)
        here = Path(folder)
        relative = here.relative_to(top).parts
        names = list(files)
        real_dirs = []
        for name in dirs:
            if name.startswith("."):
                continue
            if os.path.islink(here / name):
                names.append(name)  # classified below, as a linked folder
            else:
                real_dirs.append(name)
        dirs[:] = sorted(real_dirs)
        for name in sorted(names):
            yield classify(here / name, relative, name, inside, label)
    yield from _unreadable_folders(top, unreadable)


def _unreadable_folders(top: Path, errors: list[OSError]) -> Iterator[Entry]:
    """A folder os.walk could not list: its files would silently be missing otherwise."""
    while errors:
        error = errors.pop(0)
        path = Path(error.filename or top)
        relative = path.parent.relative_to(top).parts if path != top else ()
        problem = os_problem(error).replace("the file", "the folder")
        yield Entry(path, relative, path.name, None, None, problem, folder=True)


def classify(path: Path, relative: tuple[str, ...], name: str, inside: str, label: str) -> Entry:
    """Whether ``path`` may be read: a regular file, or a link to one inside ``inside``."""

    def refused(problem: str, folder: bool = False) -> Entry:
        return Entry(path, relative, name, None, None, problem, folder)

    try:
        info = os.lstat(path)
    except OSError as error:
        return refused(os_problem(error))
    real = str(path)
    if stat.S_ISLNK(info.st_mode):
        try:
            real = os.path.realpath(path, strict=True)
            info = os.stat(real)
        except OSError as error:
            return refused(_link_problem(error))
        folder = stat.S_ISDIR(info.st_mode)
        if os.path.commonpath([inside, real]) != inside:
            return refused(
                f"this is a link to {_what(info.st_mode)} outside {label}; only files inside it are read", folder
            )
        if folder:
            return refused("this is a link to a folder; use a real folder (linked folders are not read)", folder)
        if not stat.S_ISREG(info.st_mode):
            return refused(f"this is a link to {_what(info.st_mode)}; only regular files are read")
    elif not stat.S_ISREG(info.st_mode):
        return refused(f"this is {_what(info.st_mode)}, not a regular file; only regular files are read")
    return Entry(path, relative, name, real, (info.st_size, info.st_mtime_ns, info.st_ino), None)


def read_capped(real: str, limit: int) -> tuple[bytes | None, str | None]:
    """The bytes of a regular file of at most ``limit`` bytes, or why it cannot be read.

    Opened without blocking and checked again once open: the file may have
    been swapped for a pipe or a device since it was classified.
    """
    try:
        fd = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        return None, os_problem(error)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            return None, f"this is {_what(mode)}, not a regular file; only regular files are read"
        chunks = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        return None, os_problem(error)
    finally:
        os.close(fd)
    if size > limit:
        return None, f"the file is larger than {_size(limit)}; split it up (nothing past {_size(limit)} was read)"
    return b"".join(chunks), None


def os_problem(error: OSError) -> str:
    if error.errno in (errno.EACCES, errno.EPERM):
        return "the file cannot be read: permission denied"
    if error.errno == errno.ENOENT:
        return "the file disappeared while it was being read; run again"
    return f"the file cannot be read: {error.strerror or error}"


def _link_problem(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "this link leads round in a loop of links; point it at a file"
    if error.errno == errno.ENOENT:
        return "this link points to nothing (its target does not exist)"
    return os_problem(error)


def _what(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a file" if stat.S_ISREG(mode) else "a special file"


def _size(limit: int) -> str:
    return f"{limit / MiB:g} MiB" if limit >= MiB else f"{limit:,} bytes"
