"""No broken link in the example site: every internal href/src and every #anchor resolves."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from sites import Site, broken_links, build, copy_example, internal_links

pytestmark = pytest.mark.repo_data


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build(copy_example(tmp_path_factory.mktemp("example")))


def test_the_walk_covers_every_kind_of_page(site: Site) -> None:
    pages = {link.page for link in internal_links(site)}
    for page in (
        "index.html",
        "404.html",
        "countries/kz/index.html",
        "elections/kz-2021-mazhilis/index.html",
        "parties/nur-otan/index.html",
        "people/nursultan-nazarbayev/index.html",
        "stories/kz-ruling-party-dominates-vote/index.html",
        "timeline/index.html",
    ):
        assert page in pages
    targets = {link.target for link in internal_links(site)}
    assert "elections/kz-2016-mazhilis/" in targets
    assert "assets/elections/elections.css" in targets
    fragments = [link for link in internal_links(site) if link.fragment]
    assert len(fragments) > 50


def test_no_internal_link_is_broken(site: Site) -> None:
    broken = broken_links(site)
    assert broken == [], f"{len(broken)} broken link(s):\n" + "\n".join(broken)


def test_ids_are_unique_in_every_page(site: Site) -> None:
    """An #anchor must name one element: ids used twice in a page make links and aria references ambiguous."""
    duplicated = {}
    for path in site.html_files():
        page = path.relative_to(site.root).as_posix()
        ids = Counter(node.attrs["id"] for node in site.page(page).iter() if "id" in node.attrs)
        twice = sorted(name for name, count in ids.items() if count > 1)
        if twice:
            duplicated[page] = twice
    assert duplicated == {}


def test_aria_references_in_content_name_elements_of_the_same_page(site: Site) -> None:
    """Charts are labelled by their <title>/<desc> ids (aria-labelledby): those ids must exist.

    Only the content (<article>) is checked: Material's navigation is the theme's business.
    """
    missing = []
    checked = 0
    for path in site.html_files():
        page = path.relative_to(site.root).as_posix()
        document = site.page(page)
        ids = {node.attrs["id"] for node in document.iter() if "id" in node.attrs}
        for node in site.article(site.url_of(path)).iter():
            for attribute in ("aria-labelledby", "aria-describedby", "aria-controls"):
                for name in node.attrs.get(attribute, "").split():
                    checked += 1
                    if name not in ids:
                        missing.append(f"{page}:{node.line}: {attribute}={name!r}")
    assert checked > 0
    assert missing == []


def test_the_checker_finds_a_broken_link(tmp_path: Path) -> None:
    """The walk itself can fail: a page with a missing file and a missing anchor is reported."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<p id="here"><a href="../b/">b</a> <a href="../missing/">x</a> <a href="#nowhere">y</a>'
        ' <a href="../b/#there">z</a> <a href="../b/#gone">w</a> <a href="https://example.org/">e</a>'
        ' <img src="../img.png"></p>',
        encoding="utf-8",
    )
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text('<h2 id="there">There</h2>', encoding="utf-8")
    broken = broken_links(Site(tmp_path, True, None, ""))
    assert broken == [
        "a/index.html:1: <a href='../missing/'> -> missing/index.html does not exist",
        "a/index.html:1: <a href='#nowhere'> -> no id 'nowhere' in a/index.html",
        "a/index.html:1: <a href='../b/#gone'> -> no id 'gone' in b/index.html",
        "a/index.html:1: <img src='../img.png'> -> img.png does not exist",
    ]
