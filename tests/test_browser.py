"""What a reader's browser shows: the example site served over HTTP and opened in headless Chromium.

Chromium runs the pages' scripts (Material's and ours) before ``--dump-dom`` prints the DOM, and
``--screenshot`` renders them. Without Chromium these tests are skipped, or fail when REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from sites import Node, Site, build, chromium, copy_example, parse_html, run_chromium, serve

pytestmark = [pytest.mark.browser, pytest.mark.repo_data]

__all__ = ["chromium"]  # the fixture, imported from sites.py

ELECTION = "elections/kz-2021-mazhilis/"
PARTY = "parties/nur-otan/"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build(copy_example(tmp_path_factory.mktemp("example")))


@pytest.fixture(scope="module")
def base_url(site: Site) -> Iterator[str]:
    with serve(site.root) as url:
        yield url


@pytest.fixture(scope="module")
def browser(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    return chromium, tmp_path_factory.mktemp("chromium-profile")


def dump_dom(browser: tuple[str, Path], url: str) -> Node:
    executable, profile = browser
    result = run_chromium(executable, profile, "--virtual-time-budget=5000", "--dump-dom", url)
    assert "</html>" in result.stdout, f"no DOM for {url}: {result.stderr[-2000:]}"
    return parse_html(result.stdout)


def screenshot(browser: tuple[str, Path], url: str, path: Path) -> Path:
    executable, profile = browser
    run_chromium(executable, profile, "--window-size=1280,2400", f"--screenshot={path}", url)
    assert path.is_file(), f"chromium wrote no screenshot of {url}"
    return path


def test_the_server_serves_the_built_site(base_url: str, site: Site) -> None:
    with urllib.request.urlopen(base_url + ELECTION, timeout=10) as response:
        assert response.status == 200
        assert response.read().decode("utf-8") == site.html(ELECTION)


def test_rendered_election_page_has_the_hemicycle(browser: tuple[str, Path], base_url: str) -> None:
    dom = dump_dom(browser, base_url + ELECTION)
    # Material's scripts ran: they replace the "no-js" class on <html>.
    html = dom.one("html")
    assert "no-js" not in html.classes
    assert "js" in html.classes
    assert dom.find("h1").text == "2021 Kazakh legislative election"
    svg = dom.one("svg", cls="ee-hemicycle")
    assert len(svg.find_all("circle", cls="ee-seat")) == 107
    groups = svg.find_all("g", cls="ee-seats")
    assert [len(g.find_all("circle", cls="ee-seat")) for g in groups] == [76, 12, 10, 9]
    assert svg.find("title").text == "Seats won: 2021 Kazakh legislative election"
    assert dom.one("svg", cls="ee-bars").one("g", cls="ee-threshold").one("text").text == "7% threshold"


def test_rendered_party_page(browser: tuple[str, Path], base_url: str) -> None:
    dom = dump_dom(browser, base_url + PARTY)
    assert dom.find("h1").text == "Amanat"  # its name as of the data's date
    table = dom.find("article").section("names").one("table")
    names = [row.find("th").text for row in table.find("tbody").find_all("tr")]
    assert names == ["Nur Otan", "Amanat current"]
    assert dom.find("a", cls="ee-edit").get("href").endswith("/data/parties/nur-otan.yaml")


@pytest.mark.parametrize("url", [ELECTION, PARTY], ids=["election", "party"])
def test_screenshots_are_rendered(browser: tuple[str, Path], base_url: str, tmp_path: Path, url: str) -> None:
    path = screenshot(browser, base_url + url, tmp_path / (url.strip("/").replace("/", "-") + ".png"))
    data = path.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1280, 2400)
    assert len(data) > 20_000, f"{path} is only {len(data)} bytes: a blank page?"
