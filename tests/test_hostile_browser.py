"""The hostile project in a real browser: no payload runs, every plain-text payload reads as typed.

tests/fixtures/hostile (see tests/test_markdown_injection.py for its markers) is built with every
Markdown extension, served on 127.0.0.1 and each generated page opened once in headless Chromium
with ``alert``/``confirm``/``prompt``/``print`` hooked before any script runs. After load and a
short settle (autofocus fires focus handlers then), the live DOM is read: scripts ran, Material
rewrote the page, and what the reader sees is what is checked.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from browser import Browser, PageReport, chromium_browser, open_page
from conftest import MINIMAL_DATA, write_tree
from sites import Site, build, serve
from test_markdown_injection import (
    HOSTILE,
    Payloads,
    hostile_project,
    learn_theme,
    literal_problems,
    normalize,
    payloads,
)

pytestmark = pytest.mark.browser

__all__ = ["chromium_browser"]  # the fixture, imported from browser.py

# Every attribute of the live DOM that could run script: on* handlers, script URLs, srcdoc.
LIVE_DOM_PROBLEMS = r"""
() => {
  const urlAttributes = new Set(["href", "src", "action", "formaction", "xlink:href", "data", "poster",
    "background", "cite", "ping", "srcset", "codebase", "to", "from", "values", "by"]);
  const scriptUrl = /^(javascript|vbscript|livescript):|^data:(text\/html|application\/xhtml|image\/svg)/;
  const found = [];
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value;
      if (name.startsWith("on")) found.push({kind: "handler", tag: element.localName, name, value});
      else if (name === "srcdoc") found.push({kind: "srcdoc", tag: element.localName, name, value});
      else if (urlAttributes.has(name) && scriptUrl.test(value.replace(/[\x00-\x20]+/g, "").toLowerCase()))
        found.push({kind: "url", tag: element.localName, name, value});
    }
  }
  return found.map(f => ({...f, value: f.value.slice(0, 100)}));
}
"""


@dataclass
class Visit:
    """One page as the browser left it."""

    url: str
    report: PageReport
    dom_problems: list[dict[str, str]] = field(default_factory=list)
    text: str = ""  # document.body.innerText, white space normalized


@dataclass
class Visits:
    payloads: Payloads
    allowed_handlers: frozenset[tuple[str, str]]
    pages: list[Visit]


@pytest.fixture(scope="module")
def visits(chromium_browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Visits]:
    """Every HTML page of the hostile site, each opened once (one browser for all)."""
    clean = tmp_path_factory.mktemp("clean")
    write_tree(clean, MINIMAL_DATA)
    shutil.copy2(HOSTILE / "mkdocs.yml", clean / "mkdocs.yml")
    theme = learn_theme(build(clean))
    project = hostile_project(tmp_path_factory.mktemp("hostile-browser") / "all")
    site: Site = build(project)
    pages: list[Visit] = []
    with serve(site.root) as base:
        for path in site.html_files():
            url = site.url_of(path)
            with open_page(chromium_browser, base + url) as (page, report):
                visit = Visit(url or "index", report)
                visit.dom_problems = page.evaluate(LIVE_DOM_PROBLEMS)
                visit.text = normalize(page.evaluate("document.body.innerText"))
                report.collect_hooked_dialogs(page)  # anything the reads above set off
            pages.append(visit)
    yield Visits(payloads(project), theme.handlers, pages)


def test_every_page_was_visited(visits: Visits) -> None:
    assert len(visits.pages) > 25
    assert not [f"{v.url}: {v.report.page_errors}" for v in visits.pages if "404" not in v.url and not v.text]


def test_no_payload_opens_a_dialog(visits: Visits) -> None:
    """alert(n) from any payload: n says which (the fixture numbers them like their markers)."""
    called = [f"{visit.url}: {dialog}" for visit in visits.pages for dialog in visit.report.dialogs]
    assert not called, f"{len(called)} dialog(s):\n" + "\n".join(sorted(set(called))[:60])


def test_the_live_dom_has_no_handlers_or_script_urls(visits: Visits) -> None:
    problems = [
        f"{visit.url}: <{p['tag']} {p['name']}={p['value']!r}>"
        for visit in visits.pages
        for p in visit.dom_problems
        if not (p["kind"] == "handler" and (p["tag"], p["name"]) in visits.allowed_handlers)
    ]
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems[:60])


def test_plain_text_payloads_read_as_typed(visits: Visits) -> None:
    """In document.body.innerText: each marker followed by its whole payload; every ZP somewhere."""
    plain = visits.payloads.plain
    seen: set[str] = set()
    problems: list[str] = []
    for visit in visits.pages:
        problems += literal_problems(visit.text, plain, visit.url, seen)
    missing = sorted(visits.payloads.shown - seen, key=lambda marker: int(marker[2:]))
    problems[:0] = [f"{marker} is never shown as typed: {plain[marker][:100]!r}" for marker in missing]
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems[:60])


def test_markdown_payload_markers_are_visible(visits: Visits) -> None:
    everything = "\n".join(visit.text for visit in visits.pages)
    missing = [marker for marker in visits.payloads.markdown if marker not in everything]
    assert not missing, f"Markdown payloads shown nowhere: {missing}"
