"""Drive Debian's Chromium with Playwright: what a reader's browser runs and shows.

Import the fixture and the helpers (``from browser import chromium_browser, open_page``):

- :func:`chromium_browser` (session fixture) launches one headless Chromium for every test;
  no Chromium: the test is skipped, or fails under ``REQUIRE_BROWSER=1`` (CI);
- :func:`open_page` opens a URL in a fresh context (viewport, colour scheme) with ``alert``,
  ``confirm``, ``prompt`` and ``print`` hooked before any page script runs, and every request not
  to 127.0.0.1 blocked, and yields the page and a :class:`PageReport` of what happened;
- serve the built site with ``sites.serve(site.root)``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, Request, Route, sync_playwright
from sites import require_chromium

# Readers' screens: a laptop and a small phone.
VIEWPORTS: dict[str, dict[str, int]] = {
    "desktop": {"width": 1280, "height": 800},
    "mobile": {"width": 375, "height": 812},
}
ColorScheme = Literal["light", "dark"]
COLOR_SCHEMES: tuple[ColorScheme, ...] = ("light", "dark")
LOCAL_HOSTS = ("127.0.0.1",)

# Runs in every frame (srcdoc iframes too) before the page's own scripts: a payload that calls a
# dialog is recorded instead of blocking the page, and cannot restore the real function.
HOOK_DIALOGS = """
(() => {
  const calls = [];
  Object.defineProperty(window, "__dialogs", {value: calls, configurable: false});
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    const hook = (...args) => {
      calls.push(`${name}(${args.map(String).join(", ")})`);
      return name === "confirm" ? false : name === "prompt" ? null : undefined;
    };
    Object.defineProperty(window, name, {value: hook, writable: false, configurable: false});
  }
})();
"""


@dataclass
class PageReport:
    """What happened while a page was open."""

    url: str
    dialogs: list[str] = field(default_factory=list)  # hooked calls and real dialogs
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)  # uncaught exceptions
    failed_requests: list[str] = field(default_factory=list)  # to 127.0.0.1, failed
    blocked_requests: list[str] = field(default_factory=list)  # elsewhere, refused by us

    def collect_hooked_dialogs(self, page: Page) -> None:
        """Add the calls the hook recorded in every frame of ``page``."""
        for frame in page.frames:
            with contextlib.suppress(Exception):  # a frame that navigated away or is cross-origin
                self.dialogs += [f"{frame.url or 'frame'}: {call}" for call in frame.evaluate("window.__dialogs || []")]


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname in LOCAL_HOSTS


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[Browser]:
    """One headless Debian Chromium driven by Playwright for the whole session."""
    path = require_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, headless=True, args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def open_page(
    browser: Browser,
    url: str,
    *,
    viewport: str = "desktop",
    color_scheme: ColorScheme = "light",
    settle_ms: int = 300,
) -> Iterator[tuple[Page, PageReport]]:
    """Open ``url`` in a fresh context and yield ``(page, report)``.

    Loads until the ``load`` event, then waits ``settle_ms`` (autofocus and focus handlers fire
    after load). The report's dialogs include the hooked calls seen by then; call
    :meth:`PageReport.collect_hooked_dialogs` again after interacting with the page.
    """
    report = PageReport(url)
    context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=color_scheme, service_workers="block")
    try:

        def route(route: Route) -> None:
            request_url = route.request.url
            if _is_local(request_url):
                route.continue_()
            else:  # nothing waits on the network (fonts, analytics, payload URLs)
                report.blocked_requests.append(request_url)
                route.abort("blockedbyclient")

        context.route("**/*", route)
        context.add_init_script(HOOK_DIALOGS)
        page = context.new_page()

        def on_dialog(dialog: Dialog) -> None:
            report.dialogs.append(f"real {dialog.type}: {dialog.message}")
            dialog.dismiss()

        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                report.console_errors.append(message.text)

        def on_request_failed(request: Request) -> None:
            if _is_local(request.url):
                report.failed_requests.append(f"{request.url}: {request.failure}")

        page.on("dialog", on_dialog)
        page.on("console", on_console)
        page.on("pageerror", lambda error: report.page_errors.append(str(error)))
        page.on("requestfailed", on_request_failed)
        page.goto(url, wait_until="load")
        page.wait_for_timeout(settle_ms)
        report.collect_hooked_dialogs(page)
        yield page, report
    finally:
        context.close()
