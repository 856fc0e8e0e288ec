"""Build real sites with MkDocs and Material, and read what they publish.

Helpers for the site, link and browser tests (import them: ``from sites import …``):

- :func:`copy_example` / :func:`copy_fixture` write a project into a temporary folder;
- :func:`build` runs ``python -m mkdocs build --strict`` on it in a subprocess;
- :class:`Site` finds a page by URL and parses it with :func:`parse_html` (stdlib only);
- :func:`broken_links` walks every internal link and anchor of a built site;
- :func:`serve` serves a built site over HTTP; the :func:`chromium` fixture finds the browser.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLE_PARTS = ("mkdocs.yml", "docs", "data", "overrides")
BUILD_TIMEOUT = 300

# ----------------------------------------------------------------------------- projects


def copy_example(dest: Path) -> Path:
    """A snapshot of the repository's example project (mkdocs.yml, docs/, data/, overrides/) in ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in EXAMPLE_PARTS:
        source = REPO_ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part)
        elif source.exists():
            shutil.copy2(source, dest / part)
    (dest / "overrides").mkdir(exist_ok=True)  # the theme's custom_dir must exist
    return dest


def copy_fixture(name: str, dest: Path, *, data_from: str | None = None, repo_config: bool = False) -> Path:
    """Copy ``tests/fixtures/<name>`` to ``dest``.

    ``data_from`` takes ``data/`` from another fixture; ``repo_config`` uses the repository's own
    ``mkdocs.yml`` unchanged, with the theme ``overrides/`` it names (the contract: the same
    files build any valid data/ + docs/).
    """
    shutil.copytree(FIXTURES / name, dest, dirs_exist_ok=True)
    if data_from is not None:
        shutil.copytree(FIXTURES / data_from / "data", dest / "data", dirs_exist_ok=True)
    if repo_config:
        shutil.copy2(REPO_ROOT / "mkdocs.yml", dest / "mkdocs.yml")
        shutil.copytree(REPO_ROOT / "overrides", dest / "overrides", dirs_exist_ok=True)
    return dest


def add_config(project: Path, text: str) -> None:
    """Append top-level settings to a project's mkdocs.yml."""
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").rstrip("\n") + "\n" + text.strip("\n") + "\n", "utf-8")


def build(project: Path, config: str = "mkdocs.yml", site_dir: str = "site", env: dict[str, str] | None = None) -> Site:
    """``python -m mkdocs build --strict`` in a subprocess (``env``: variables to add); fail the test
    with MkDocs' output if it fails."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(project / config),
            "-d",
            str(project / site_dir),
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    log = result.stdout + result.stderr
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed ({result.returncode}) for {project / config}:\n{log}")
    text = (project / config).read_text(encoding="utf-8")
    directory_urls = not re.search(r"^use_directory_urls:\s*false\s*$", text, re.MULTILINE)
    site_url = re.search(r"^site_url:\s*(\S+)", text, re.MULTILINE)
    return Site(project / site_dir, directory_urls, site_url.group(1) if site_url else None, log)


# ----------------------------------------------------------------------------- HTML

VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)


@dataclass(eq=False)
class Node:
    """An element (or the document) of a parsed page: enough DOM for assertions."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = field(default=None, repr=False)
    line: int = 0

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrs.get(name, default)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> Iterator[Node]:
        """Every element below this one, in document order."""
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, *, cls: str | None = None, **attrs: str) -> list[Node]:
        """Elements below this one with that tag, that class (one of theirs) and those exact attributes.

        Attribute names use ``_`` for ``-`` (``aria_label="Key facts"``).
        """
        wanted = {name.replace("_", "-"): value for name, value in attrs.items()}
        return [
            node
            for node in self.iter()
            if (tag is None or node.tag == tag)
            and (cls is None or cls in node.classes)
            and all(node.attrs.get(name) == value for name, value in wanted.items())
        ]

    def find(self, tag: str | None = None, *, cls: str | None = None, **attrs: str) -> Node:
        """The first match; fails the test if there is none."""
        found = self.find_all(tag, cls=cls, **attrs)
        assert found, f"no <{tag or '*'}> with class={cls!r} {attrs} in <{self.tag} {self.attrs}>"
        return found[0]

    def one(self, tag: str | None = None, *, cls: str | None = None, **attrs: str) -> Node:
        """The only match; fails the test unless there is exactly one."""
        found = self.find_all(tag, cls=cls, **attrs)
        assert len(found) == 1, f"{len(found)} <{tag or '*'}> with class={cls!r} {attrs}, expected exactly 1"
        return found[0]

    @property
    def raw_text(self) -> str:
        return "".join(child if isinstance(child, str) else child.raw_text for child in self.children)

    @property
    def text(self) -> str:
        """The text inside, with runs of white space made one space."""
        return " ".join(self.raw_text.split())

    def links(self) -> list[tuple[str, str]]:
        """``(href, text)`` of every ``<a href>`` below this element."""
        return [(a.attrs["href"], a.text) for a in self.find_all("a") if "href" in a.attrs]

    def section(self, heading_id: str) -> Node:
        """A synthetic node holding what follows ``<h2 id=heading_id>`` up to the next ``<h2>``."""
        heading = self.one(id=heading_id)
        assert heading.parent is not None
        siblings = heading.parent.children
        start = siblings.index(heading) + 1
        part = Node("section")
        for child in siblings[start:]:
            if isinstance(child, Node) and child.tag in ("h1", "h2"):
                break
            part.children.append(child)
        return part


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v if v is not None else "" for k, v in attrs}, parent=self.stack[-1])
        node.line = self.getpos()[0]
        self.stack[-1].children.append(node)
        if tag not in VOID_ELEMENTS:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v if v is not None else "" for k, v in attrs}, parent=self.stack[-1])
        node.line = self.getpos()[0]
        self.stack[-1].children.append(node)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(text: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


# ----------------------------------------------------------------------------- a built site


@dataclass
class Site:
    root: Path
    directory_urls: bool
    site_url: str | None
    log: str
    _parsed: dict[Path, Node] = field(default_factory=dict, repr=False)

    def file(self, url: str) -> Path:
        """The file serving a site-root-relative URL (``parties/nur-otan/`` or ``parties/nur-otan.html``)."""
        path = url.lstrip("/")
        if path == "" or path.endswith("/"):
            path += "index.html"
        target = self.root / path
        assert target.is_file(), f"{url} is not in the built site ({target} is missing)"
        return target

    def html(self, url: str) -> str:
        return self.file(url).read_text(encoding="utf-8")

    def page(self, url: str) -> Node:
        """The parsed page at ``url`` (parsed once)."""
        path = self.file(url)
        if path not in self._parsed:
            self._parsed[path] = parse_html(path.read_text(encoding="utf-8"))
        return self._parsed[path]

    def article(self, url: str) -> Node:
        """The page's content (Material's ``<article>``), without header, navigation and footer."""
        return self.page(url).find("article", cls="md-content__inner")

    def html_files(self, embeds: bool = False) -> list[Path]:
        """The theme's pages; with ``embeds``, the bare chart pages under ``embed/`` too (no theme, see embeds.py)."""
        return sorted(path for path in self.root.rglob("*.html") if embeds or not self.is_embed(path))

    def is_embed(self, path: Path) -> bool:
        parts = path.relative_to(self.root).parts  # embed/… or, in another language, ru/embed/…
        return "embed" in parts[:2]

    def url_of(self, path: Path) -> str:
        relative = path.relative_to(self.root).as_posix()
        if self.directory_urls and (relative == "index.html" or relative.endswith("/index.html")):
            return relative[: -len("index.html")]
        return relative


# ----------------------------------------------------------------------------- links

LINK_ATTRIBUTES = ("href", "src", "xlink:href", "poster", "data")
SKIPPED_SCHEMES = ("http", "https", "mailto", "tel", "javascript", "data", "ftp")
# Material's own assets: the theme's business, not ours (our plugin's assets/elections/ are checked).
MATERIAL_ASSETS = ("assets/javascripts/", "assets/stylesheets/", "assets/images/", "assets/fonts/")
_BASE = "http://site.invalid/"


@dataclass(frozen=True)
class Link:
    page: str  # site-relative file of the page holding the link
    line: int
    tag: str
    attribute: str
    value: str
    target: str  # site-relative path of the target file
    fragment: str


def internal_links(site: Site) -> Iterator[Link]:
    """Every link from an HTML page of ``site`` to a file of the site, resolved against the page."""
    prefix = urlsplit(site.site_url).path if site.site_url else "/"
    prefix = prefix if prefix.endswith("/") else prefix + "/"
    for path in site.html_files(embeds=True):
        page = path.relative_to(site.root).as_posix()
        for node in site.page(page).iter():
            for attribute in LINK_ATTRIBUTES:
                value = node.attrs.get(attribute)
                if value is None or (attribute == "data" and node.tag != "object"):
                    continue
                value = value.strip()
                parts = urlsplit(value)
                if parts.scheme in SKIPPED_SCHEMES or parts.netloc:
                    continue
                if value.startswith("/"):  # root-absolute (404.html): relative to site_url's path
                    assert value.startswith(prefix), f"{page}:{node.line}: {value} is outside the site ({prefix})"
                    resolved = urlsplit(urljoin(_BASE, value[len(prefix) :]))
                else:
                    resolved = urlsplit(urljoin(_BASE + page, value))
                target = unquote(resolved.path.removeprefix("/"))
                if target.startswith(MATERIAL_ASSETS):
                    continue
                yield Link(page, node.line, node.tag, attribute, value, target, unquote(resolved.fragment))


def page_ids(site: Site, page: str) -> set[str]:
    return {node.attrs["id"] for node in site.page(page).iter() if "id" in node.attrs}


def broken_links(site: Site) -> list[str]:
    """Every internal link whose file is missing, or whose ``#fragment`` is no id in the target page."""
    broken: list[str] = []
    for link in internal_links(site):
        where = f"{link.page}:{link.line}: <{link.tag} {link.attribute}={link.value!r}>"
        target = link.target
        path = site.root / target
        if target == "" or target.endswith("/"):
            path = path / "index.html"
            target += "index.html"
        if path.is_dir():
            broken.append(f"{where} -> {target} is a folder (link it with a trailing '/')")
            continue
        if not path.is_file():
            broken.append(f"{where} -> {target} does not exist")
            continue
        if link.fragment:
            if not target.endswith(".html"):
                broken.append(f"{where} -> #{link.fragment} points into {target}, which is not a page")
            elif link.fragment not in page_ids(site, target):
                broken.append(f"{where} -> no id {link.fragment!r} in {target}")
    return broken


# ----------------------------------------------------------------------------- serving and browsing


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` on 127.0.0.1 (a free port) in a background thread; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    # Only the local server: Google Fonts and the like fail fast instead of waiting for the network.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
)


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def require_chromium() -> str:
    """Debian's Chromium. Missing: the test fails under REQUIRE_BROWSER=1 (CI), else it is skipped."""
    path = find_chromium()
    if path is None:
        message = "chromium is not installed (`make browser` installs it)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"{message}, and REQUIRE_BROWSER=1 requires it")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's headless Chromium (see :func:`require_chromium`)."""
    return require_chromium()


def run_chromium(chromium: str, profile: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium with a fresh profile; fail the test if it fails."""
    result = subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"chromium exited with {result.returncode}:\n{result.stderr[-4000:]}")
    return result
