"""A reader who pastes a query, or types it with an input method, gets search results.

Material's search box runs a query on ``keyup`` only. Pasting from the context menu, an
input method committing a word, or dictation change the box's value with an ``input``
event and no key at all, so Material would never search. Our script (``timeline.js``)
tells Material about such input; these tests insert text the way a paste or an IME does
(an ``input`` event with no key events: Chromium's own text insertion), in a real browser.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from browser import chromium_browser, open_page
from playwright.sync_api import Browser, Page
from sites import build, serve

pytestmark = pytest.mark.browser

__all__ = ["chromium_browser"]  # the fixture, imported from browser.py

MakeProject = Callable[..., Path]
MKDOCS_YML = """
site_name: Search paste
site_url: https://example.org/
theme:
  name: material
plugins:
  - search:
      lang: [en, ru]
  - elections
"""
NO_MATCH = "!/match/i.test(document.querySelector('.md-search-result__meta').textContent)"
MATCHES = "/match/i.test(document.querySelector('.md-search-result__meta').textContent)"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from conftest import MINIMAL_DATA, write_tree

    project = write_tree(tmp_path_factory.mktemp("paste"), {**MINIMAL_DATA, "mkdocs.yml": MKDOCS_YML})
    (project / "data/parties/blue.yaml").write_text("name: Көк партия\ncountry: ck\n", encoding="utf-8")
    site = build(project)
    with contextlib.ExitStack() as stack:
        yield stack.enter_context(serve(site.root))


def open_search(page: Page) -> None:
    box = page.locator(".md-search__input")
    box.focus()
    page.wait_for_function("!/Initializing/i.test(document.querySelector('.md-search-result__meta').textContent)")
    page.wait_for_function(NO_MATCH)


def result_links(page: Page) -> list[str]:
    page.wait_for_function(MATCHES, timeout=5000)
    return page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link", "links => links.map(a => a.getAttribute('href'))"
    )


def test_a_pasted_query_gets_results(chromium_browser: Browser, base_url: str) -> None:
    with open_page(chromium_browser, base_url) as (page, _):
        open_search(page)
        # What a paste from the context menu does: the text goes in with an input event, no key is pressed.
        page.keyboard.insert_text("Red Party")
        assert any("parties/red/" in href for href in result_links(page))
        # Pasting over it (select all, paste) searches again.
        page.locator(".md-search__input").select_text()
        page.keyboard.insert_text("Ann Smith")
        page.wait_for_function(
            "[...document.querySelectorAll('.md-search-result__link')].some(a => a.href.includes('people/ann-smith/'))",
            timeout=5000,
        )


def test_a_word_from_an_input_method_gets_results(chromium_browser: Browser, base_url: str) -> None:
    with open_page(chromium_browser, base_url) as (page, _):
        open_search(page)
        # An IME composes the word (composition events, the box shows it underlined), then commits it.
        cdp = page.context.new_cdp_session(page)
        cdp.send("Input.imeSetComposition", {"text": "Көк", "selectionStart": 3, "selectionEnd": 3})
        cdp.send("Input.insertText", {"text": "Көк"})
        assert page.locator(".md-search__input").input_value() == "Көк"
        assert any("parties/blue/" in href for href in result_links(page))
