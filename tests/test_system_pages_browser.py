"""Electoral systems' sections in a real browser: the example's 2023 Mazhilis page and the test
fixture's maps, tiers, districts and rounds at 1280 and 375 px, light and dark: no sideways
scroll of the page, the map within its column, axe clean; screenshots kept to look at.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import (
    VIEWPORTS,
    ColorScheme,
    axe_violations,
    chromium_browser,
    describe_violations,
    open_page,
    screenshot_dir,
)
from conftest import write_tree
from playwright.sync_api import Browser
from sites import REPO_ROOT, build, copy_example, serve
from test_system_pages import FILES

pytestmark = pytest.mark.browser
__all__ = ["chromium_browser"]  # the fixture, imported from browser.py

PAGES = {
    "example": ["elections/kz-2023-mazhilis/", "parties/nur-otan/"],
    "fixture": ["elections/ck-2024/", "elections/ck-2028/", "elections/ck-2025-president/", "people/ann-smith/"],
}
CHECKS = [(scheme, viewport) for scheme in ("light", "dark") for viewport in VIEWPORTS]
# The map, its table and every table box: none wider than the article.
OUTSIDE = """() => {
  const article = document.querySelector("article").getBoundingClientRect();
  return [...document.querySelectorAll(".ee-area-figure svg, .ee-areas, .ee-results")]
    .filter(el => el.getBoundingClientRect().right > article.right + 1)
    .map(el => el.className.baseVal ?? el.className);
}"""


def _fixture(folder: Path) -> Path:
    """The systems fixture under the repository's own mkdocs.yml and theme (palette with dark mode)."""
    files = {k: v for k, v in FILES.items() if k != "mkdocs.yml"}
    write_tree(folder, files)
    shutil.copy2(REPO_ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(REPO_ROOT / "overrides", folder / "overrides", dirs_exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    with contextlib.ExitStack() as stack:
        example = build(copy_example(tmp_path_factory.mktemp("example")))
        fixture = build(_fixture(tmp_path_factory.mktemp("systems")))
        yield {"example": stack.enter_context(serve(example.root)), "fixture": stack.enter_context(serve(fixture.root))}


IDS = [(site, url) for site, urls in PAGES.items() for url in urls]


@pytest.mark.parametrize(("site", "path"), IDS, ids=[f"{s}-{p.strip('/').replace('/', '-')}" for s, p in IDS])
@pytest.mark.parametrize(("scheme", "viewport"), CHECKS, ids=[f"{s}-{v}" for s, v in CHECKS])
def test_system_sections_read_at_every_width(
    chromium_browser: Browser,
    served: dict[str, str],
    tmp_path_factory: pytest.TempPathFactory,
    site: str,
    path: str,
    scheme: ColorScheme,
    viewport: str,
) -> None:
    url = served[site] + path
    with open_page(chromium_browser, url, viewport=viewport, color_scheme=scheme) as (page, _report):
        problems = describe_violations(axe_violations(page))
        width = VIEWPORTS[viewport]["width"]
        scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
        if scroll_width != width:
            problems.append(f"the page scrolls sideways: {scroll_width} px in {width}")
        problems += [f"wider than the article: {name}" for name in page.evaluate(OUTSIDE)]
        name = f"systems-{site}-{path.strip('/').replace('/', '-')}-{viewport}-{scheme}.png"
        page.screenshot(path=screenshot_dir(tmp_path_factory) / name, full_page=True)
    assert not problems, f"{url} ({scheme}, {viewport}): {len(problems)} problem(s):\n" + "\n".join(problems)
