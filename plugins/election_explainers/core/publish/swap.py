"""Publish a folder whole: build beside the target, then swap it in.

A build killed halfway (SIGKILL, a full disk, a crash) must leave the site
that was there before, whole.  So the new site is written to a hidden sibling
folder and only a finished build takes the target's name: on Linux with one
``renameat2(RENAME_EXCHANGE)`` (the two folders trade places atomically),
elsewhere with two renames (the old site stays, renamed, if we die between).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .staging import stage

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; ``False`` where the system cannot."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):  # old kernel or a file system without it
        return False
    raise OSError(code, os.strerror(code), str(a))


def _prefix(target: Path, role: str) -> str:
    return f".{target.name}.{role}-"


def _remove_leftovers(target: Path) -> None:
    """Folders of builds that died before they could swap or clean up (their process is gone)."""
    for role in ("new", "old"):
        for leftover in target.parent.glob(_prefix(target, role) + "*"):
            pid = leftover.name.removeprefix(_prefix(target, role)).split("-", 1)[0]
            if pid.isdigit() and _alive(int(pid)):
                continue
            if role == "old":  # a replaced site: being deleted already, or never waited for anyway
                _remove_in_background(leftover)
            else:
                shutil.rmtree(leftover, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def building(target: Path, *, staged: bool = False, remove_old_later: bool = False) -> Iterator[Path]:
    """A new empty folder beside ``target`` to build into; swapped in for ``target`` when the block succeeds.

    With ``staged``, the folder starts as a copy of ``target`` made of hard links (see
    :mod:`.staging`: the build must unlink what it writes). If the block raises, the new
    folder is removed and ``target`` is left as it was.  With ``remove_old_later`` the old site is
    deleted by a process of its own once the new one is in place (see :func:`replace`).
    """
    target = target.absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(target)
    new = Path(tempfile.mkdtemp(prefix=f"{_prefix(target, 'new')}{os.getpid()}-", dir=target.parent))
    try:
        if staged and target.is_dir():
            stage(target, new)
        yield new
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    replace(new, target, remove_old_later=remove_old_later)


def replace(new: Path, target: Path, *, remove_old_later: bool = False) -> None:
    """Put the folder ``new`` in place of ``target`` (which may not exist), then delete the old one.

    Deleting tens of thousands of files takes seconds the readers need not wait for: with
    ``remove_old_later`` the old folder takes a leftover's name and a detached process deletes it
    (if that process dies, the next build's leftover cleanup does).
    """
    new.chmod(0o755)  # mkdtemp makes it private; a published site is read by a web server
    if not target.exists():
        new.rename(target)
        return
    if _exchange(new, target):
        if remove_old_later:  # ``new`` now holds the old site
            old = Path(tempfile.mkdtemp(prefix=f"{_prefix(target, 'old')}{os.getpid()}-", dir=target.parent))
            old.rmdir()
            new.rename(old)
            _remove_in_background(old)
        else:
            shutil.rmtree(new)
        return
    old = Path(tempfile.mkdtemp(prefix=f"{_prefix(target, 'old')}{os.getpid()}-", dir=target.parent))
    old.rmdir()
    target.rename(old)
    new.rename(target)
    shutil.rmtree(old)


def _remove_in_background(folder: Path) -> None:
    script = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"
    subprocess.Popen(  # our own interpreter, a fixed script
        [sys.executable, "-c", script, str(folder)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # not killed with the build's terminal or process group
    )
