"""A staged copy of the published site, for an incremental build to change and then swap in whole.

The copy is made of hard links: a site of a gigabyte is staged in a moment
and takes no space.  A hard link shares its file with the live site, so a
build must never write *into* a staged file: whatever it writes is first
unlinked (:func:`detach`), and the files MkDocs and its search plugin rewrite
on every build are left out of the copy from the start (:data:`ALWAYS_WRITTEN`).
The live site is never written; :func:`.swap.replace` swaps the staged folder
in, in one step.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

# Written on every build, whatever changed: MkDocs' theme templates and the search index.
ALWAYS_WRITTEN = ("404.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json")


def stage(live: Path, staging: Path, leave_out: Iterable[str] = ALWAYS_WRITTEN) -> None:
    """Fill the empty folder ``staging`` with hard links to every file of ``live``, but ``leave_out``.

    GNU ``cp -al`` does it in C, three times as fast as a Python walk (an L site has tens of
    thousands of files); elsewhere, or across file systems (where files are copied), Python does.
    """
    if not _linked_by_cp(live, staging):
        _link_tree(live, staging)
    for relative in leave_out:
        detach(staging / relative)


def _linked_by_cp(live: Path, staging: Path) -> bool:
    cp = shutil.which("cp")
    if cp is None or sys.platform != "linux":
        return False
    done = subprocess.run([cp, "-al", "--", f"{live}/.", f"{staging}/"], capture_output=True, check=False)
    if done.returncode == 0:
        return True
    # A half-made copy (another file system, a BSD cp): start again the slow way.
    for child in list(staging.iterdir()):
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    return False


def _link_tree(live: Path, staging: Path) -> None:
    todo = [(os.fspath(live), os.fspath(staging))]
    while todo:
        source, target = todo.pop()
        with os.scandir(source) as entries:
            for entry in entries:
                into = os.path.join(target, entry.name)
                if entry.is_dir(follow_symlinks=False):
                    os.mkdir(into)
                    todo.append((entry.path, into))
                elif entry.is_symlink():
                    os.symlink(os.readlink(entry.path), into)
                else:
                    _link_or_copy(Path(entry.path), Path(into))


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError as error:
        if error.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP):
            raise
        shutil.copy2(source, target)


def detach(path: Path) -> None:
    """Remove ``path`` from the staged site if it is there, so that writing it cannot touch the live file."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def remove(staging: Path, outputs: Iterable[str]) -> None:
    """Remove outputs the new build no longer makes, and the folders they leave empty."""
    for output in outputs:
        path = staging / output
        detach(path)
        for parent in path.parents:
            if parent == staging or not parent.is_relative_to(staging):
                break
            try:
                parent.rmdir()
            except OSError:
                break
