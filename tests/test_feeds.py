"""The Atom and JSON feeds of a real build parse with a real feed parser and use absolute URLs."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("feeds") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "-q",
        "-f",
        str(REPO / "mkdocs.yml"),
        "-d",
        str(out),
    ]
    subprocess.run(command, check=True, env=env, cwd=REPO)
    return out


def test_atom_feed_is_valid_and_newest_first(site: Path) -> None:
    feed = feedparser.parse((site / "feeds" / "atom.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "Election explainers"
    titles = [entry.title for entry in feed.entries]
    assert titles[0] == "Kazakhstan Ruling Party Dominates Opposition-Free Vote"
    assert titles[-1] == "Ethnic Clashes in Kazakhstan Leave at Least 8 Dead as Villagers Brawl, Torch Houses"
    assert len(titles) == 5
    first = feed.entries[0]
    assert first.link == "https://elections.example.org/stories/kz-ruling-party-dominates-vote/"
    assert first.published.startswith("2021-01-10")
    assert all(entry.link.startswith("https://") for entry in feed.entries)


def test_json_feed_follows_version_1_1(site: Path) -> None:
    data = json.loads((site / "feeds" / "feed.json").read_text(encoding="utf-8"))
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["feed_url"] == "https://elections.example.org/feeds/feed.json"
    assert data["home_page_url"] == "https://elections.example.org/stories/"
    assert [item["date_published"][:10] for item in data["items"]] == sorted(
        (item["date_published"][:10] for item in data["items"]), reverse=True
    )
    for item in data["items"]:
        assert {"id", "url", "title", "date_published"} <= item.keys()
        assert item["url"].startswith("https://")


def test_country_feed_and_discovery_links(site: Path) -> None:
    feed = feedparser.parse((site / "feeds" / "kz" / "atom.xml").read_bytes())
    assert not feed.bozo
    assert feed.feed.title == "Election explainers: Kazakhstan"
    assert len(feed.entries) == 5
    site_feed = (
        '<link rel="alternate feed" type="application/atom+xml" title="Election explainers" '
        'href="https://elections.example.org/feeds/atom.xml">'
    )
    country_feed = (
        '<link rel="alternate feed" type="application/atom+xml" title="Election explainers: Kazakhstan" '
        'href="https://elections.example.org/feeds/kz/atom.xml">'
    )
    json_country_feed = 'type="application/feed+json" title="Election explainers: Kazakhstan"'
    home = (site / "index.html").read_text(encoding="utf-8")
    assert site_feed in home and country_feed not in home
    # Material fetches a sitemap.xml beside every link whose rel is exactly "alternate": only language versions.
    assert not alternates_without_hreflang(home)
    # A country's pages advertise its own feed too: the country, its elections, parties, people, stories.
    for page in ("countries/kz", "elections/kz-2021-mazhilis", "parties/nur-otan", "people/nursultan-nazarbayev"):
        html = (site / page / "index.html").read_text(encoding="utf-8")
        assert site_feed in html and country_feed in html and json_country_feed in html, page
        assert not alternates_without_hreflang(html)
    assert country_feed in (site / "stories" / "kz-law-on-protests" / "index.html").read_text(encoding="utf-8")
    assert country_feed not in (site / "parties" / "index.html").read_text(encoding="utf-8")


def test_links_in_feed_entries_are_absolute(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Feed readers resolve relative links against the feed's address (/feeds/), where they would break."""
    project = make_project()  # its story's summary links [[red]]
    (project / "mkdocs.yml").write_text(
        "site_name: Feeds\nsite_url: https://news.example.org/sub/\ntheme: {name: material}\nplugins: [elections]\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)]
    subprocess.run(command, check=True, env=env, cwd=project)
    feed = json.loads((out / "feeds" / "feed.json").read_text(encoding="utf-8"))
    atom = (out / "feeds" / "atom.xml").read_text(encoding="utf-8")
    timeline = (out / "timeline" / "index.timelinejs.json").read_text(encoding="utf-8")
    assert 'href="https://news.example.org/sub/parties/red/"' in feed["items"][0]["content_html"]
    assert 'href="https://news.example.org/sub/parties/red/"' in atom  # inside escaped text
    assert 'href=\\"https://news.example.org/sub/parties/red/\\"' in timeline


def test_feeds_carry_the_newest_stories_only(tmp_path: Path) -> None:
    """`feed_entries` caps each feed at the newest stories; the archive stays on the Stories page."""
    from sites import build, copy_example

    project = copy_example(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "      data_dir: data\n", "      data_dir: data\n      feed_entries: 2\n"
        ),
        "utf-8",
    )
    site = build(project)
    atom = feedparser.parse((site.root / "feeds" / "atom.xml").read_bytes())
    assert [entry.published[:10] for entry in atom.entries] == ["2021-01-10", "2021-01-02"]
    items = json.loads((site.root / "feeds" / "kz" / "feed.json").read_text(encoding="utf-8"))["items"]
    assert len(items) == 2


def alternates_without_hreflang(html: str) -> list[str]:
    """``<link rel="alternate">`` that is not a language version of the page."""
    return [link for link in re.findall(r'<link rel="alternate"[^>]*>', html) if "hreflang=" not in link]
