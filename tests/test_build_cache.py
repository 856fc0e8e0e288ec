"""What one ``mkdocs build`` keeps for the next: generated pages and Material's search entries.

A warm build (the build cache folder kept, the site folder empty) renders only the
generated pages whose inputs changed and parses only the pages whose HTML changed;
what it publishes must be byte for byte what a build without the cache publishes.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from sites import build, copy_fixture

CACHE = Path(".cache/elections/build")


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def clean_build(project: Path, site_dir: str) -> dict[str, bytes]:
    """A build of ``project`` without the build cache (moved aside and put back)."""
    aside = project.parent / f"{project.name}-cache-aside"
    shutil.move(project / CACHE, aside)
    try:
        return tree(build(project, site_dir=site_dir).root)
    finally:
        shutil.rmtree(project / CACHE, ignore_errors=True)
        shutil.move(aside, project / CACHE)


def kept_pages(project: Path, since: float) -> tuple[int, int]:
    """How many kept page files are older than ``since`` (kept as they were), and how many newer (rendered)."""
    files = list((project / CACHE / "pages").rglob("*.html"))
    older = sum(1 for path in files if path.stat().st_mtime < since)
    return older, len(files) - older


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = copy_fixture("ruritania", tmp_path / "ruritania", repo_config=True)
    build(project, site_dir="site-first")
    assert (project / CACHE / "pages-state.json").is_file()
    assert (project / CACHE / "search-entries.json").is_file()
    return project


def test_a_warm_build_after_edits_equals_a_clean_one(project: Path) -> None:
    party = project / "data/parties/green-league.yaml"
    party.write_text(party.read_text(encoding="utf-8").replace("name: Green League", "name: Green Alliance"), "utf-8")
    docs = project / "docs/index.md"
    docs.write_text(docs.read_text(encoding="utf-8") + "\nA sentence added after the first build.\n", "utf-8")
    before = max(path.stat().st_mtime for path in (project / CACHE / "pages").rglob("*.html"))
    os.utime(party)  # the edit is newer than every kept page, whatever the file system's clock resolution

    warm = tree(build(project, site_dir="site-warm").root)
    kept, rendered = kept_pages(project, before + 1e-6)
    assert kept > 0, "the warm build rendered every page again"
    assert rendered > 0, "the renamed party's pages were not rendered again"
    assert b"Green Alliance" in warm["parties/green-league/index.html"]
    assert b"Green Alliance" in warm["elections/diet-election-2022/index.html"]

    assert warm == clean_build(project, "site-clean")


def test_a_kept_page_whose_bytes_changed_is_rendered_again(project: Path) -> None:
    pages = sorted((project / CACHE / "pages").rglob("*.html"))
    party = next(
        path
        for path in pages
        if "Green League" in path.read_text(encoding="utf-8") and "ee-facts" in path.read_text(encoding="utf-8")
    )
    party.write_text(party.read_text(encoding="utf-8").replace("Green League", "Tampered League"), "utf-8")
    site = build(project, site_dir="site-warm")
    assert "Tampered League" not in "".join(path.read_text(encoding="utf-8") for path in site.html_files())


def test_search_entries_come_from_the_cache_until_the_page_changes(project: Path) -> None:
    entries_file = project / CACHE / "search-entries.json"
    data = json.loads(entries_file.read_text(encoding="utf-8"))
    for entries in data["entries"].values():
        for entry in entries:
            if entry["location"] == "parties/green-league/":
                entry["text"] = "KEPT-BY-THE-CACHE"
    entries_file.write_text(json.dumps(data), encoding="utf-8")

    index = build(project, site_dir="site-warm").root / "search/search_index.json"
    texts = {doc["location"]: doc["text"] for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]}
    assert texts["parties/green-league/"] == "KEPT-BY-THE-CACHE"  # the page's HTML was not parsed again

    party = project / "data/parties/green-league.yaml"
    party.write_text(party.read_text(encoding="utf-8") + "summary: A party of the countryside.\n", "utf-8")
    index = build(project, site_dir="site-edited").root / "search/search_index.json"
    texts = {doc["location"]: doc["text"] for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]}
    assert "KEPT-BY-THE-CACHE" not in texts["parties/green-league/"]
    assert "A party of the countryside." in texts["parties/green-league/"]


def test_an_empty_build_cache_dir_keeps_nothing(tmp_path: Path) -> None:
    project = copy_fixture("ruritania", tmp_path / "ruritania", repo_config=True)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - elections:\n" in text
    config.write_text(text.replace("  - elections:\n", '  - elections:\n      build_cache_dir: ""\n', 1), "utf-8")
    build(project)
    assert not (project / CACHE).exists()
