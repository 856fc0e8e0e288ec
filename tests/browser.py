"""Drive Debian's Chromium with Playwright: what a reader's browser runs and shows.

Import the fixture and the helpers (``from browser import chromium_browser, open_page``):

- :func:`chromium_browser` (session fixture) launches one headless Chromium for every test;
  no Chromium: the test is skipped, or fails under ``REQUIRE_BROWSER=1`` (CI);
- :func:`open_page` opens a URL in a fresh context (viewport, colour scheme) with ``alert``,
  ``confirm``, ``prompt`` and ``print`` hooked before any page script runs, and every request not
  to 127.0.0.1 blocked, and yields the page and a :class:`PageReport` of what happened;
- serve the built site with ``sites.serve(site.root)``;
- :func:`axe_violations` runs axe-core (node_modules) in an open page, WCAG 2.1 A and AA;
- :func:`screenshot_dir` is where screenshots go: ``$SCREENSHOT_DIR``, else a temporary folder;
  the run's summary prints it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, Request, Response, Route, sync_playwright
from sites import REPO_ROOT, require_chromium

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
    error_responses: list[str] = field(default_factory=list)  # from 127.0.0.1, status 400 or more
    blocked_requests: list[str] = field(default_factory=list)  # elsewhere, refused by us

    def collect_hooked_dialogs(self, page: Page) -> None:
        """Add the calls the hook recorded in every frame of ``page``."""
        for frame in page.frames:
            with contextlib.suppress(Exception):  # a frame that navigated away or is cross-origin
                self.dialogs += [f"{frame.url or 'frame'}: {call}" for call in frame.evaluate("window.__dialogs || []")]


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname in LOCAL_HOSTS


# Each test module that imports the fixture gets its own fixture definition, but Playwright's sync
# API runs once per process: the modules share one browser, closed when the last one is done.
_shared: dict[str, object] = {}


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[Browser]:
    """One headless Debian Chromium driven by Playwright for the whole session."""
    path = require_chromium()
    if not _shared:
        playwright = sync_playwright().start()
        browser = playwright.chromium.launch(executable_path=path, headless=True, args=["--no-sandbox"])
        _shared.update(playwright=playwright, browser=browser, users=0)
    _shared["users"] = int(_shared["users"]) + 1  # type: ignore[call-overload]
    try:
        yield _shared["browser"]  # type: ignore[misc]
    finally:
        _shared["users"] = int(_shared["users"]) - 1  # type: ignore[call-overload]
        if _shared["users"] == 0:
            _shared["browser"].close()  # type: ignore[attr-defined]
            _shared["playwright"].stop()  # type: ignore[attr-defined]
            _shared.clear()


@contextlib.contextmanager
def open_page(
    browser: Browser,
    url: str,
    *,
    viewport: str = "desktop",
    color_scheme: ColorScheme = "light",
    settle_ms: int = 300,
    java_script_enabled: bool = True,
) -> Iterator[tuple[Page, PageReport]]:
    """Open ``url`` in a fresh context and yield ``(page, report)``.

    Loads until the ``load`` event, then waits ``settle_ms`` (autofocus and focus handlers fire
    after load). The report's dialogs include the hooked calls seen by then; call
    :meth:`PageReport.collect_hooked_dialogs` again after interacting with the page.
    """
    report = PageReport(url)
    context = browser.new_context(
        viewport=VIEWPORTS[viewport],
        color_scheme=color_scheme,
        service_workers="block",
        java_script_enabled=java_script_enabled,
    )
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

        def on_response(response: Response) -> None:
            if _is_local(response.url) and response.status >= 400:
                report.error_responses.append(f"{response.url}: HTTP {response.status}")

        page.on("requestfailed", on_request_failed)
        page.on("response", on_response)
        page.goto(url, wait_until="load")
        page.wait_for_timeout(settle_ms)
        report.collect_hooked_dialogs(page)
        yield page, report
    finally:
        context.close()


# ----------------------------------------------------------------------------- checks in the page

AXE_SCRIPT = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations of WCAG 2.1 A and AA in ``page``, as axe reports them (``make checkers``)."""
    assert AXE_SCRIPT.is_file(), f"{AXE_SCRIPT} is missing: `make checkers` installs it"
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA)
    return result["violations"]


def describe_violations(violations: list[dict[str, Any]]) -> list[str]:
    """One line per failing element: rule, element, axe's summary of why."""
    return [
        f"{v['id']}: {node['target']} {node['html'][:100]!r}: {' '.join(node.get('failureSummary', '').split())[:240]}"
        for v in violations
        for node in v["nodes"]
    ]


_screenshots: list[Path] = []


def screenshot_dir(factory: pytest.TempPathFactory) -> Path:
    """``$SCREENSHOT_DIR`` when set, else a fresh temporary folder; printed at the end of the run."""
    if not _screenshots:
        chosen = os.environ.get("SCREENSHOT_DIR")
        folder = Path(chosen) if chosen else factory.mktemp("screenshots")
        folder.mkdir(parents=True, exist_ok=True)
        _screenshots.append(folder)
    return _screenshots[0]


def screenshot_folders() -> list[Path]:
    """The folders screenshots were written to in this run (for the terminal summary)."""
    return list(_screenshots)
