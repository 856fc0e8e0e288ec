"""The same data builds the same bytes: built sites can be compared file by file.

Two clones of one commit, in different folders, are built by separate
processes with different hash seeds (so any iteration over a set or an
unordered dict would come out in another order); every file must match.
Dates come from git, never from the clock.
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

from election_explainers.core.publish.buildstate import STATE_FILE
from sites import copy_example

COMMIT_DATE = "2024-05-01T12:00:00Z"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Editor",
    "GIT_AUTHOR_EMAIL": "editor@example.org",
    "GIT_COMMITTER_NAME": "Editor",
    "GIT_COMMITTER_EMAIL": "editor@example.org",
    "GIT_AUTHOR_DATE": COMMIT_DATE,
    "GIT_COMMITTER_DATE": COMMIT_DATE,
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, env={**os.environ, **GIT_ENV}, check=True, capture_output=True)


def explainers_build(project: Path, site: Path, hash_seed: str) -> None:
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED=hash_seed)
    command = [sys.executable, "-m", "election_explainers.cli", "build", "--strict", "-d", str(site)]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_two_builds_of_one_commit_are_identical_byte_for_byte(tmp_path: Path) -> None:
    origin = copy_example(tmp_path / "origin")
    (origin / "overrides" / ".gitkeep").touch()
    git("init", "--quiet", "--initial-branch=main", cwd=origin)
    git("add", "--all", cwd=origin)
    git("commit", "--quiet", "-m", "data", cwd=origin)
    sites = []
    for number, seed in enumerate(("1", "2")):
        clone = tmp_path / f"clone-{number}"
        git("clone", "--quiet", str(origin), str(clone), cwd=tmp_path)
        explainers_build(clone, tmp_path / f"site-{number}", seed)
        sites.append(files_of(tmp_path / f"site-{number}"))
    first, second = sites
    assert sorted(first) == sorted(second)
    # The build state (for `build --incremental`) fingerprints this checkout (its paths and file dates) and so
    # differs between clones by design; everything a reader gets is identical.
    different = [path for path in first if first[path] != second[path] and path != STATE_FILE]
    assert different == []
    assert "timeline/index.json" in first and "feeds/atom.xml" in first and "sitemap.xml.gz" in first

    # The only dates MkDocs writes by itself are the day of the last commit, not the day of the build.
    sitemap = first["sitemap.xml"].decode()
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", sitemap)) == {"2024-05-01"}
    header_mtime = int.from_bytes(first["sitemap.xml.gz"][4:8], "little")
    assert header_mtime == int(dt.datetime(2024, 5, 1, tzinfo=dt.UTC).timestamp())
    assert gzip.decompress(first["sitemap.xml.gz"]).decode() == sitemap
