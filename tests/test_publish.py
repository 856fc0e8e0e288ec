"""`explainers build` publishes all or nothing: a failed or killed build leaves the previous site whole."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sites import copy_example

pytestmark = pytest.mark.repo_data

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def explainers_build(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "election_explainers.cli", "build", *args],
        cwd=project,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site."))


@pytest.fixture
def published(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    project = copy_example(tmp_path / "project")
    result = explainers_build(project, "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Published to" in result.stdout
    site = snapshot(project / "site")
    assert "elections/kz-2021-mazhilis/index.html" in site
    assert "search/search_index.json" in site
    return project, site


def test_a_build_publishes_the_site_and_leaves_nothing_beside_it(published: tuple[Path, dict[str, bytes]]) -> None:
    project, _ = published
    assert leftovers(project) == []
    assert oct((project / "site").stat().st_mode & 0o777) == "0o755"


def test_bad_data_leaves_the_previous_site(published: tuple[Path, dict[str, bytes]]) -> None:
    project, site = published
    party = project / "data" / "parties" / "adal.yaml"
    party.write_text(party.read_text(encoding="utf-8") + "nmae: typo\n", encoding="utf-8")
    result = explainers_build(project, "--strict")
    assert result.returncode != 0
    assert "unknown field 'nmae'" in result.stdout + result.stderr
    assert "was left as it was" in result.stderr
    assert snapshot(project / "site") == site
    assert leftovers(project) == []


def test_a_page_that_cannot_render_leaves_the_previous_site(published: tuple[Path, dict[str, bytes]]) -> None:
    project, site = published
    broken = project / "overrides" / "elections" / "party.html"
    broken.parent.mkdir(parents=True)
    broken.write_text("{{ record.no_such_field.at_all }}\n", encoding="utf-8")
    result = explainers_build(project)
    assert result.returncode != 0
    assert "Could not render parties/" in result.stdout + result.stderr
    assert snapshot(project / "site") == site


def test_a_killed_build_leaves_the_previous_site_whole(published: tuple[Path, dict[str, bytes]]) -> None:
    project, site = published
    process = subprocess.Popen(
        [sys.executable, "-m", "election_explainers.cli", "build"],
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    # Kill it once it has started writing the new site.
    while time.monotonic() < deadline and not any(
        any(folder.rglob("*.html")) for folder in project.glob(".site.new-*")
    ):
        time.sleep(0.02)
    assert process.poll() is None, "the build finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert snapshot(project / "site") == site
    assert leftovers(project)  # its unfinished folder is still there …
    result = explainers_build(project)
    assert result.returncode == 0, result.stderr
    assert leftovers(project) == []  # … until the next build clears it
