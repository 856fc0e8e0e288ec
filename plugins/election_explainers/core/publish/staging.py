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
from collections.abc import Iterable
from pathlib import Path

# Written on every build, whatever changed: MkDocs' theme templates and the search index.
ALWAYS_WRITTEN = ("404.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json")


def stage(live: Path, staging: Path, leave_out: Iterable[str] = ALWAYS_WRITTEN) -> int:
    """Fill the empty folder ``staging`` with hard links to every file of ``live``; how many files.

    Where the two cannot share files (another file system), the files are copied.
    """
    skipped = {Path(p) for p in leave_out}
    count = 0
    for folder, dirs, files in os.walk(live):
        here = Path(folder)
        relative = here.relative_to(live)
        (staging / relative).mkdir(parents=True, exist_ok=True)
        dirs.sort()
        for name in sorted(files):
            if relative / name in skipped:
                continue
            source, target = here / name, staging / relative / name
            if source.is_symlink():
                os.symlink(os.readlink(source), target)
            else:
                _link_or_copy(source, target)
            count += 1
    return count


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
