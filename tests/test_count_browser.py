"""Election night in a real browser: a counting election's page refreshes its figures from
``count.json`` without a reload, stops once the count is over, and reads whole without script.

The site is the counting-night fixture at its second update (62.5%), served over HTTP; the test
puts later steps' ``count.json`` in place on disk, as a build would, and moves the page's clock on
by the script's 30 seconds (Playwright's clock: no real waiting).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import chromium_browser, open_page
from playwright.sync_api import Browser, Page, Route
from sites import Site, build, serve

pytestmark = pytest.mark.browser
__all__ = ["chromium_browser"]  # the fixture, imported from browser.py

NIGHT = Path(__file__).resolve().parent / "fixtures" / "counting-night"
ELECTION = "vl-2024-assembly"
COUNT = f"elections/{ELECTION}/count.json"
PAGE = f"elections/{ELECTION}/"
STATUS_TEXT = ".ee-status--counting [data-ee-count-text]"


def night_site(root: Path, step: str) -> Site:
    shutil.copytree(NIGHT, root)
    shutil.copy2(NIGHT / "steps" / f"{step}.yaml", root / "data" / "elections" / f"{ELECTION}.yaml")
    return build(root)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Site]:
    return {step: night_site(tmp_path_factory.mktemp(step) / "night", step) for step in ("step2", "step3", "final")}


def put_count(site: Site, source: Site, step: int) -> None:
    """Replace the served count.json as a publish would (a rename: never half written), newer on disk."""
    target = site.root / COUNT
    staged = target.with_suffix(".new")
    shutil.copy2(source.root / COUNT, staged)
    moment = os.stat(target).st_mtime + 10 * step  # the server's Last-Modified moves on
    os.utime(staged, (moment, moment))
    os.replace(staged, target)


@contextlib.contextmanager
def open_with_clock(browser: Browser, url: str, requests: list[str], *, script: bool = True) -> Iterator[Page]:
    context = browser.new_context(service_workers="block", java_script_enabled=script)
    try:

        def route(route: Route) -> None:
            if route.request.url.startswith("http://127.0.0.1"):
                if route.request.url.endswith("count.json"):
                    requests.append(route.request.url)
                route.continue_()
            else:
                route.abort("blockedbyclient")

        context.route("**/*", route)
        page = context.new_page()
        if script:
            page.clock.install()
        page.goto(url)
        yield page
    finally:
        context.close()


def history_rows(page: Page) -> list[list[str]]:
    return page.eval_on_selector_all(
        ".ee-count-history tr", "rows => rows.map(r => Array.from(r.cells, c => c.textContent.trim()))"
    )


def test_the_page_refreshes_its_count_without_a_reload(
    chromium_browser: Browser, sites: dict[str, Site], tmp_path: Path
) -> None:
    site = sites["step2"]
    served = tmp_path / "served"
    shutil.copytree(site.root, served)
    live = Site(served, site.directory_urls, site.site_url, site.log)
    requests: list[str] = []
    with serve(served) as base, open_with_clock(chromium_browser, base + PAGE, requests) as page:
        assert "62.5% of precincts reported, updated 23:40" in page.text_content(STATUS_TEXT)
        page.evaluate("window.__sameDocument = true")
        assert requests == [], "nothing is fetched before the first 30 seconds"

        put_count(live, sites["step3"], 1)
        page.clock.run_for(31_000)
        page.wait_for_function(f"document.querySelector({STATUS_TEXT!r}).textContent.includes('97.8%')", timeout=10_000)
        assert page.evaluate("window.__sameDocument") is True, "updated in place, not reloaded"
        assert page.text_content(STATUS_TEXT) == (
            "Preliminary count, 97.8% of precincts reported, updated 18 March, 02:15 (UTC+6)"
        )
        assert history_rows(page)[1:] == [
            ["22:10", "12.4% of precincts", "47.9%", "39.9%", "12.2%"],
            ["23:40", "62.5% of precincts", "45.1%", "41.8%", "13.1%"],
            ["18 Mar 02:15", "97.8% of precincts", "44.6%", "42.3%", "13.1%"],
        ]
        facts = page.text_content(".ee-facts [data-ee-count-text]")
        assert facts is not None and "97.8%" in facts, "every mark on the page, the facts box's too"

        put_count(live, sites["final"], 2)
        page.clock.run_for(31_000)
        page.wait_for_function(
            f"document.querySelector({STATUS_TEXT!r}).textContent.includes('The count is over')", timeout=10_000
        )
        asked = len(requests)
        page.clock.run_for(120_000)
        page.wait_for_timeout(300)  # any request the timers would start has started by now
        assert len(requests) == asked, "once the count is over the page stops asking"
        assert page.evaluate("window.__sameDocument") is True


def test_without_script_the_page_shows_the_built_figures(
    chromium_browser: Browser, sites: dict[str, Site], tmp_path: Path
) -> None:
    site = sites["step2"]
    served = tmp_path / "served"
    shutil.copytree(site.root, served)
    put_count(Site(served, site.directory_urls, site.site_url, site.log), sites["step3"], 1)
    requests: list[str] = []
    with serve(served) as base, open_with_clock(chromium_browser, base + PAGE, requests, script=False) as page:
        assert page.text_content(STATUS_TEXT) == (
            "Preliminary count, 62.5% of precincts reported, updated 23:40 (UTC+6)"
        )
        assert len(history_rows(page)) == 3, "the heading row and the build's two updates"
        assert requests == []


def test_the_counting_page_fits_a_phone(chromium_browser: Browser, sites: dict[str, Site]) -> None:
    # The count's history has a column per party: on a phone it scrolls in its own box.
    with serve(sites["step3"].root) as base, open_page(chromium_browser, base + PAGE, viewport="mobile") as (page, _):
        width = page.evaluate("document.scrollingElement.scrollWidth")
        boxed = page.evaluate("!!document.querySelector('table.ee-count-history').closest('.ee-results')")
    assert width <= 375 and boxed, f"the page scrolls sideways: {width} px"
