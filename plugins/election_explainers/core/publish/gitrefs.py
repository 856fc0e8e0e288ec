"""A project as it was at a git commit, written into a folder: the working tree is never touched.

``git archive`` streams the commit's tree as a tar file, which is unpacked
with the standard library's safe ``data`` filter (no absolute paths, no links
out of the folder, no devices).
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path


class GitError(Exception):
    """git could not give what was asked (not a repository, an unknown ref ...)."""


def _git(folder: Path, *args: str) -> bytes:
    try:
        result = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, check=False, timeout=300)
    except (OSError, subprocess.SubprocessError) as error:
        raise GitError(f"could not run git: {error}") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed"
        raise GitError(message)
    return result.stdout


def resolve_commit(folder: Path, ref: str) -> str:
    """The full commit id ``ref`` names, seen from ``folder``; :class:`GitError` if it names none."""
    if ref.startswith("-"):
        raise GitError(f"{ref!r} is not a git ref")  # never an option to git
    try:
        return (
            _git(folder, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}").decode().strip()
        )
    except GitError:
        raise GitError(f"{ref!r} is neither a folder nor a commit, branch or tag of the git repository here") from None


def export_commit(folder: Path, commit: str, dest: Path) -> Path:
    """Write the files of ``folder`` (a project inside a git work tree) as they were at ``commit`` into ``dest``;
    return the project's folder in ``dest`` (the same place relative to the repository)."""
    prefix = _git(folder, "rev-parse", "--show-prefix").decode().strip()
    top = Path(_git(folder, "rev-parse", "--show-toplevel").decode().strip())
    tree = f"{commit}:{prefix}" if prefix else commit
    try:
        # From the top: run in a subfolder, git archive would look for the prefix inside that subfolder again.
        archive = _git(top, "archive", "--format=tar", tree)
    except GitError as error:
        raise GitError(f"{prefix or 'the project'} does not exist at {commit[:12]}: {error}") from None
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        try:
            tar.extractall(dest, filter="data")
        except tarfile.FilterError as error:
            # A committed link to a file outside the project, say: never written out, and reported.
            raise GitError(f"{commit[:12]} holds a file that cannot be read safely: {error}") from None
    return dest
