"""Generated pages are HTML that never passes through Markdown, yet behave like Markdown pages:
a table of contents, permalinks and search sections from their headings; editors' HTML sanitized."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sites import Site, build, copy_example, copy_fixture

pytestmark = pytest.mark.repo_data

ELECTION = "elections/kz-2021-mazhilis/"


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build(copy_example(tmp_path_factory.mktemp("example")))


def toc_entries(site: Site, url: str) -> list[tuple[str, str]]:
    """(link, text) of each entry in Material's table of contents of the page."""
    toc = site.page(url).find("nav", cls="md-nav--secondary")
    return [(a.get("href"), a.text.strip()) for a in toc.find_all("a", cls="md-nav__link")]


def test_the_table_of_contents_lists_the_generated_headings(example: Site) -> None:
    assert toc_entries(example, ELECTION) == [
        ("#results", "Results"),
        ("#leaders-and-candidates", "Leaders and candidates"),
        ("#share-and-download", "Share and download"),
        ("#timeline", "Timeline"),
        ("#related-stories", "Related stories"),
        ("#sources", "Sources"),
    ]


def test_nested_headings_nest_in_the_table_of_contents(example: Site) -> None:
    toc = example.page("countries/kz/").find("nav", cls="md-nav--secondary")
    parliament = next(li for li in toc.find_all("li") if li.find("a").get("href") == "#parliament")
    assert [a.get("href") for a in parliament.find("nav").find_all("a")] == ["#chamber-mazhilis", "#chamber-senate"]


def test_headings_have_permalinks_as_markdown_headings_do(example: Site) -> None:
    heading = example.article(ELECTION).one("h2", id="results")
    link = heading.one("a", cls="headerlink")
    assert link.get("href") == "#results"
    assert link.get("title") == "Permanent link"


def test_search_indexes_each_section_of_a_generated_page(example: Site) -> None:
    index = json.loads((example.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert {ELECTION, ELECTION + "#results", ELECTION + "#related-stories"} <= locations
    results = next(doc for doc in index["docs"] if doc["location"] == ELECTION + "#results")
    assert "Nur Otan" in results["text"]
    # Lists of everything are not searched: each entry is found on its own page.
    listed = {location.split("#")[0] for location in locations}
    assert not {"timeline/", "stories/", "stories/sections/south-central-asia/"} & listed
    assert {"parties/", "stories/kz-law-on-protests/"} <= listed


def search_hits(site: Site, text: str) -> list[str]:
    """The pages (site-root-relative URLs) whose search sections hold ``text``."""
    index = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    return sorted({doc["location"].split("#")[0] for doc in index["docs"] if text in doc["title"] + doc["text"]})


@pytest.fixture(scope="module")
def ruritania(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build(copy_fixture("ruritania", tmp_path_factory.mktemp("ruritania"), repo_config=True))


def test_search_finds_a_story_once_not_in_every_list_of_related_stories(example: Site, ruritania: Site) -> None:
    # A story with a page is listed on the pages of everything it concerns; search finds its page.
    title = "Kazakhstan Adopts Controversial Law on Protests"
    assert title in example.html("countries/kz/")
    # (The hand-written explainer names it in its own further reading, which search keeps.)
    assert search_hits(example, title) == ["explainers/kazakhstan-2021/", "stories/kz-law-on-protests/"]
    # A story published elsewhere is found in the related stories of its main subject (the election).
    external = "What the referendum changed"
    assert external in ruritania.html("parties/crown-party/")
    assert search_hits(ruritania, external) == ["elections/referendum-2021/"]
    # The lines are still there for readers; only the search index leaves them out.
    line = ruritania.article("parties/crown-party/").find("li", cls="ee-story")
    assert line.one("section", cls="ee-story__line").get("data-search-exclude") is not None


# -- editors' raw HTML in data Markdown ---------------------------------------------------------------

PAYLOAD = (
    'Fine *text*. <script>alert("marker-script")</script><img src="x" onerror="alert(/marker-onerror/)">'
    '<iframe srcdoc="marker-iframe"></iframe><a href="javascript:alert(/marker-js/)">j</a>'
)
MARKERS = ("marker-script", "marker-onerror", "marker-iframe", "marker-js")


def hostile_summaries(project: Path) -> Path:
    party = project / "data" / "parties" / "plain-party.yaml"
    party.write_text(party.read_text(encoding="utf-8") + f"summary: '{PAYLOAD}'\n", encoding="utf-8")
    story = project / "data" / "stories" / "bold-claims.yaml"
    text = story.read_text(encoding="utf-8").replace("summary:", "old_summary:", 1)
    story.write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith("old_summary:"))
        + f"\nsummary: '{PAYLOAD}'\n",
        encoding="utf-8",
    )
    return project


@pytest.fixture(scope="module")
def sanitized(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build(hostile_summaries(copy_fixture("escaping", tmp_path_factory.mktemp("sanitized"))))


def test_raw_html_in_data_markdown_is_sanitized_on_pages(sanitized: Site) -> None:
    html = sanitized.html("parties/plain-party/")
    assert "Fine <em>text</em>." in html
    for marker in MARKERS:
        assert marker not in html


def test_raw_html_in_data_markdown_is_sanitized_in_feeds_and_timelines(sanitized: Site) -> None:
    for path in ("feeds/feed.json", "feeds/atom.xml", "timeline/index.timelinejs.json"):
        text = (sanitized.root / path).read_text(encoding="utf-8")
        assert "Fine" in text, path
        for marker in MARKERS:
            assert marker not in text, (path, marker)


def test_raw_html_can_be_allowed_by_the_site(tmp_path: Path) -> None:
    project = hostile_summaries(copy_fixture("escaping", tmp_path))
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - elections\n", "  - elections:\n      raw_html: allow\n")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    html = build(project).html("parties/plain-party/")
    assert '<script>alert("marker-script")</script>' in html


def test_a_docs_page_summary_cannot_break_out_of_the_meta_description(tmp_path: Path) -> None:
    project = copy_fixture("escaping", tmp_path)
    (project / "docs" / "about.md").write_text(
        "---\ndate: 2020-01-01\nabout: [escapia]\nsummary: '\"><script>alert(1)</script>'\n---\n\n# About\n",
        encoding="utf-8",
    )
    site = build(project)
    page = site.page("about/")
    meta = next(m for m in page.find_all("meta") if m.get("name") == "description")
    assert meta.get("content") == '">'  # the script is sanitized away; the rest is text in the attribute
    assert "<script>alert(1)" not in site.html("about/")


def test_site_extensions_never_see_generated_text(tmp_path: Path) -> None:
    """attr_list on a site, a country named with attr_list syntax: the hubs show the name as text."""
    project = copy_fixture("escaping", tmp_path)
    country = project / "data" / "countries" / "escapia.yaml"
    text = country.read_text(encoding="utf-8")
    name = "Xland {: tabindex=1 autofocus onfocus=alert(1) }"
    country.write_text(text.replace(text.splitlines()[0], f'name: "{name}"', 1), encoding="utf-8")
    site = build(project)
    for url in ("parties/", "people/", "countries/escapia/"):
        page = site.page(url)
        attributes = {name for node in page.iter() for name in node.attrs}
        assert not {"onfocus", "autofocus"} & attributes, url
        assert any(h.text.startswith(name) for h in page.find_all("h2") + page.find_all("h1")), url


def test_parties_and_people_without_a_country_build_and_are_listed_under_other(
    make_project: Callable[..., Path], repo_root: Path
) -> None:
    project = make_project({"data/parties/blue.yaml": "name: Blue Party\n", "data/people/zed.yaml": "name: Zed\n"})
    shutil.copy2(repo_root / "mkdocs.yml", project / "mkdocs.yml")
    (project / "overrides").mkdir()
    site = build(project)
    for url, name in (("parties/", "Blue Party"), ("people/", "Zed")):
        headings = [h.text.rstrip("¶") for h in site.article(url).find_all("h2")]
        assert headings[-1] == "Other", url
        assert name in site.article(url).section("other").text
