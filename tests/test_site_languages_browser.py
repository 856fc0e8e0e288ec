"""Search per language, in a real browser: a reader on a Russian page finds Russian pages.

The example site (en, ru, kk) is built once and served; Material's own search box is typed into.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

import pytest
from browser import Browser, chromium_browser, open_page
from playwright.sync_api import Page
from sites import build, copy_example, require_chromium, serve

__all__ = ["chromium_browser"]  # the fixture, imported from browser.py


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require_chromium()
    site = build(copy_example(tmp_path_factory.mktemp("languages-browser")))
    with contextlib.ExitStack() as stack:
        yield stack.enter_context(serve(site.root))


def found(page: Page, query: str) -> list[str]:
    """Type ``query`` in the search box: the result pages, as paths from the site's root."""
    box = page.locator(".md-search__input")
    box.focus()
    page.wait_for_function("!document.querySelector('.md-search-result__meta').textContent.match(/…|\\.\\.\\./)")
    box.fill(query)
    box.press("End")  # Material searches on keyup
    page.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 0")
    page.wait_for_timeout(150)  # a result for a shorter query may still be replaced
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link", "links => links.map(a => a.href)"
    )
    origin = re.match(r"https?://[^/]+/", page.url)
    assert origin is not None
    return [re.sub(r"#.*$", "", href.removeprefix(origin.group(0))) for href in hrefs]


def test_a_russian_search_on_a_russian_page_finds_russian_pages(chromium_browser: Browser, base_url: str) -> None:
    with open_page(chromium_browser, base_url + "ru/parties/nur-otan/") as (page, _):
        amanat = found(page, "Аманат")
        assert "ru/parties/nur-otan/" in amanat
        assert all(url.startswith("ru/") for url in amanat), amanat
        elections = found(page, "выборы")
        assert "ru/explainers/kazakhstan-2021/" in elections
        assert all(url.startswith("ru/") for url in elections), elections


def test_a_kazakh_page_searches_kazakh_pages(chromium_browser: Browser, base_url: str) -> None:
    with open_page(chromium_browser, base_url + "kk/parties/nur-otan/") as (page, _):
        results = found(page, "Аманат")
        assert "kk/parties/nur-otan/" in results
        assert all(url.startswith("kk/") for url in results), results


def test_an_english_page_searches_english_pages(chromium_browser: Browser, base_url: str) -> None:
    with open_page(chromium_browser, base_url + "parties/nur-otan/") as (page, _):
        results = found(page, "Amanat")
        assert "parties/nur-otan/" in results
        assert not [url for url in results if url.startswith(("ru/", "kk/"))], results


def test_a_page_keeps_its_language_links_and_asks_for_no_sitemap_beside_them(
    chromium_browser: Browser, base_url: str
) -> None:
    # Material's script requests a sitemap.xml beside each <link rel="alternate"> it finds as the page
    # loads; beside a page's own versions there is none, so each request would fail.
    with open_page(chromium_browser, base_url + "ru/parties/nur-otan/") as (page, report):
        versions = page.eval_on_selector_all(
            'link[rel="alternate"][hreflang]', "links => links.map(link => [link.hreflang, link.href])"
        )
        asked = [url for url in report.blocked_requests + report.error_responses if "sitemap.xml" in url]
    assert sorted(lang for lang, _ in versions) == ["en", "kk", "ru", "x-default"]
    assert dict(versions)["kk"].endswith("/kk/parties/nur-otan/")
    assert not asked, asked


def test_the_timeline_filters_speak_the_pages_language(chromium_browser: Browser, base_url: str) -> None:
    with open_page(chromium_browser, base_url + "ru/timeline/") as (page, report):
        page.select_option("select[name=kind]", "election")
        counted = page.text_content(".ee-timeline-filters output") or ""
        labels = page.text_content(".ee-timeline-filters") or ""
    assert counted.startswith("Показано: ") and " из " in counted, counted
    assert "Все страны" in labels and "Kind" not in labels, labels
    assert not report.console_errors and not report.page_errors


@pytest.mark.parametrize(
    "url",
    ["ru/parties/ak-zhol/", "kk/parties/ak-zhol/", "ru/people/azat-peruashev/", "ru/elections/", "kk/countries/kz/"],
)
def test_translated_pages_fit_a_phone(chromium_browser: Browser, base_url: str, url: str) -> None:
    # Russian and Kazakh words are longer than English: a table wider than the screen scrolls in its
    # own box, the page never sideways.
    with open_page(chromium_browser, base_url + url, viewport="mobile") as (page, report):
        width = page.evaluate("document.scrollingElement.scrollWidth")
        boxes = page.evaluate(
            "[...document.querySelectorAll('article table.ee-table')].map(t => !!t.closest('.ee-results'))"
        )
    assert width <= 375, f"{url} scrolls sideways: {width} px"
    assert boxes and all(boxes), f"{url}: a table outside a scrolling box"
    assert not report.console_errors
