"""A real ``mkdocs build``: good data builds; bad data stops it before ``site/`` is touched."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

MakeProject = Callable[..., Path]
MKDOCS_YML = """
    site_name: Election explainers test
    theme:
      name: material
    plugins:
      - elections
"""
PROBLEM_RE = re.compile(r"^\S+:\d+:\d+: ")


def mkdocs_build(config: Path, *, cwd: Path, strict: bool = True) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config)]
    if strict:
        command.insert(4, "--strict")
    return subprocess.run(
        command,
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"},
    )


def logged_problems(stderr: str) -> list[str]:
    """The ``path:line:column: …`` lines MkDocs logged as errors."""
    messages = [line.split("-  ", 1)[1] for line in stderr.splitlines() if line.startswith("ERROR") and "-  " in line]
    return [message for message in messages if PROBLEM_RE.match(message)]


def snapshot(folder: Path) -> dict[str, tuple[bytes | None, int]]:
    """Every file and folder under ``folder``: content (``None`` for folders) and modification time."""
    return {
        path.relative_to(folder).as_posix(): (None if path.is_dir() else path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
    } | {".": (None, folder.stat().st_mtime_ns)}


def stale_site(root: Path) -> Path:
    """A ``site/`` left from an earlier build, with a page the next build would remove."""
    site = root / "site"
    (site / "old-page").mkdir(parents=True)
    (site / "sentinel.txt").write_bytes(b"written by the test\n")
    (site / "old-page" / "index.html").write_bytes(b"<html><body>stale page</body></html>\n")
    (site / "index.html").write_bytes(b"<html><body>previous build</body></html>\n")
    return site


@pytest.fixture
def project(make_project: MakeProject) -> Callable[..., Path]:
    """The minimal dataset plus ``mkdocs.yml``; changes as for ``make_project``."""

    def make(changes: dict[str, str | bytes] | None = None) -> Path:
        return make_project({"mkdocs.yml": MKDOCS_YML, **(changes or {})})

    return make


def test_good_data_builds(project: Callable[..., Path]) -> None:
    root = project()
    result = mkdocs_build(root / "mkdocs.yml", cwd=root)
    assert result.returncode == 0, result.stderr
    assert (root / "site" / "index.html").is_file()
    assert logged_problems(result.stderr) == []


@pytest.mark.parametrize("strict", [True, False], ids=["strict", "not-strict"])
def test_bad_data_fails_and_leaves_site_untouched(project: Callable[..., Path], strict: bool) -> None:
    root = project(
        {
            "data/parties/blue.yaml": "name: Blue Party\ncountry: cx\n",
            "data/stories/red-wins.yaml": "title: Red wins\ndate: 2020-06-08\nbody: |\n  The\n  [[rde]] won.\n",
        }
    )
    site = stale_site(root)
    before = snapshot(site)
    result = mkdocs_build(root / "mkdocs.yml", cwd=root, strict=strict)
    assert result.returncode != 0
    assert logged_problems(result.stderr) == [
        "data/parties/blue.yaml:2:10: country: unknown country 'cx'",
        "data/stories/red-wins.yaml:5:3: body: unknown id in link 'rde'; did you mean 'red'?",
    ]
    assert snapshot(site) == before


def test_bad_docs_page_fails_and_leaves_site_untouched(project: Callable[..., Path]) -> None:
    root = project({"docs/about.md": "---\nabout: [bleu]\n---\n# About\n"})
    site = stale_site(root)
    before = snapshot(site)
    result = mkdocs_build(root / "mkdocs.yml", cwd=root)
    assert result.returncode != 0
    assert logged_problems(result.stderr) == [
        "docs/about.md:2:9: about[0]: unknown entity 'bleu'; did you mean 'blue'?"
    ]
    assert snapshot(site) == before


def test_data_dir_is_relative_to_mkdocs_yml(make_project: MakeProject, tmp_path: Path) -> None:
    make_project()
    (tmp_path / "data").rename(tmp_path / "facts")
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML.replace("- elections", "- elections:\n          data_dir: facts"))
    # Run from another folder: the data folder is found next to mkdocs.yml, not in the working folder.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = mkdocs_build(tmp_path / "mkdocs.yml", cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "index.html").is_file()

    (tmp_path / "facts" / "parties" / "blue.yaml").write_text("name: Blue Party\ncountry: cx\n")
    site = tmp_path / "site"
    before = snapshot(site)
    result = mkdocs_build(tmp_path / "mkdocs.yml", cwd=elsewhere)
    assert result.returncode != 0
    # Paths are shown relative to the folder of mkdocs.yml, wherever mkdocs runs from.
    assert logged_problems(result.stderr) == ["facts/parties/blue.yaml:2:10: country: unknown country 'cx'"]
    assert snapshot(site) == before


def test_missing_data_folder_fails(project: Callable[..., Path]) -> None:
    root = project({"mkdocs.yml": MKDOCS_YML.replace("- elections", "- elections:\n          data_dir: nowhere")})
    result = mkdocs_build(root / "mkdocs.yml", cwd=root)
    assert result.returncode != 0
    # With no data, the page's [[ck]] link names nothing either.
    assert logged_problems(result.stderr) == [
        "docs/index.md:3:5: unknown id in link 'ck'",
        "nowhere:1:1: the data folder does not exist",
    ]
    assert not (root / "site").exists()
