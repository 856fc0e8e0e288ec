"""The MkDocs plugin: a thin adapter from MkDocs' events to the data core.

- ``on_pre_build`` loads and validates ``data/`` before MkDocs touches
  ``site_dir``; bad data stops ``mkdocs build`` with every problem listed.
  Under ``mkdocs serve`` the server keeps running and every page shows the
  problems until they are fixed.
- ``on_files`` adds a generated page per entity and the hub pages.
- ``on_nav`` puts the hub pages in the navigation; entity pages stay out of it.
- ``on_page_markdown`` resolves ``[[id]]`` links and embeds in hand-written pages.
"""

from __future__ import annotations

import itertools
import logging
import posixpath
from pathlib import Path
from typing import Any, Literal

from markupsafe import escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .core.assets import ASSET_FOLDER, ASSETS, SCRIPT, STYLESHEET
from .core.feeds import absolute
from .core.history import last_changed
from .core.loader import load
from .core.problems import DataError, Problem
from .core.publish import feed_files, timeline_files
from .core.related import DEFAULT_WEIGHTS, RelatedSettings
from .core.render import HUBS, Renderer, RenderOptions
from .errors_page import errors_html

log = logging.getLogger("mkdocs.plugins.elections")


class RelatedConfig(base.Config):
    max_count = c.Type(int, default=5)
    """How many related stories a story or page lists."""
    include_newer = c.Type(bool, default=False)
    """List stories published after this one too (news sites show only what came before)."""
    weights = c.Type(dict, default={})
    """Weights per shared key (election, person, party, country, tag), merged onto the defaults."""


class ElectionsConfig(base.Config):
    data_dir = c.Type(str, default="data")
    """The data folder, relative to mkdocs.yml."""
    nav = c.Type(bool, default=True)
    """Add the hub pages (Countries, Elections, …) to the navigation."""
    data_edit_uri = c.Optional(c.Type(str))
    """Edit links for data files, relative to repo_url; by default edit_uri without its docs folder."""
    last_updated = c.Type(bool, default=True)
    """Show when each entity's file last changed, from git."""
    related = c.SubConfig(RelatedConfig)


class ElectionsPlugin(BasePlugin[ElectionsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command: str = "build"
        self.renderer: Renderer | None = None
        self.problems: list[Problem] = []
        self.entity_pages: dict[str, Any] = {}  # generated src → its record
        self.hub_pages: set[str] = set()  # generated hub srcs

    # -- configuration ---------------------------------------------------------------

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        if SCRIPT not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(SCRIPT)
        return config

    def root(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    def data_path(self, config: MkDocsConfig) -> Path:
        return self.root(config) / self.config.data_dir

    # -- loading -------------------------------------------------------------------------

    @event_priority(100)  # before other plugins read anything
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # MkDocs cleans and writes site_dir only after this event: bad data leaves it untouched.
        try:
            dataset = load(self.data_path(config), Path(config.docs_dir), root=self.root(config))
        except DataError as error:
            for problem in error.problems:
                log.error(str(problem))
            if self.command != "serve":
                raise PluginError(
                    f"{len(error.problems)} problem(s) in the election data; nothing was built."
                ) from None
            self.problems = error.problems
            log.warning("The pages show these problems until the data is fixed; the server keeps running.")
            return
        self.problems = []
        self.renderer = Renderer(dataset, self.render_options(config))

    def render_options(self, config: MkDocsConfig) -> RenderOptions:
        settings = self.config.related
        weights = {**DEFAULT_WEIGHTS, **{str(k): float(v) for k, v in settings.weights.items()}}
        return RenderOptions(
            use_directory_urls=config.use_directory_urls,
            template_dirs=[Path(config.theme.custom_dir)] if config.theme.custom_dir else [],
            edit_url=self.edit_url_maker(config),
            last_updated=self.last_updated_maker(config),
            related=RelatedSettings(weights, settings.max_count, settings.include_newer),
        )

    def edit_url_maker(self, config: MkDocsConfig) -> Any:
        if not config.repo_url:
            return lambda file: None
        edit_uri = self.config.data_edit_uri
        if edit_uri is None:
            edit_uri = config.edit_uri or ""
            docs = Path(config.docs_dir).resolve()
            try:
                docs_part = docs.relative_to(self.root(config)).as_posix()
            except ValueError:
                docs_part = ""
            edit_uri = edit_uri.rstrip("/")
            if docs_part and edit_uri.endswith(docs_part):
                edit_uri = edit_uri[: -len(docs_part)]
        base_url = config.repo_url.rstrip("/") + "/" + edit_uri.strip("/")
        return lambda file: posixpath.join(base_url, file) if file else None

    def last_updated_maker(self, config: MkDocsConfig) -> Any:
        if not self.config.last_updated:
            return lambda file: None
        root = self.root(config)
        dates = last_changed(self.data_path(config))
        return lambda file: dates.get((root / file).resolve()) if file else None

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.data_path(config)))
        return server

    # -- pages -----------------------------------------------------------------------------

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for path in sorted(ASSETS.iterdir()):
            files.append(File.generated(config, f"{ASSET_FOLDER}/{path.name}", abs_src_path=str(path)))
        self.entity_pages, self.hub_pages = {}, set()
        if self.renderer is None:
            return files
        for page in self.renderer.pages():
            if files.get_file_from_path(page.src) is not None:
                log.info("%s is written by hand in docs/; not generating it", page.src)
                continue
            files.append(File.generated(config, page.src, content=page.markdown, inclusion=InclusionLevel.NOT_IN_NAV))
            if page.record is None:
                self.hub_pages.add(page.src)
            else:
                self.entity_pages[page.src] = page.record
        data_files = list(timeline_files(self.renderer, config.site_url or ""))
        if config.site_url:
            data_files += feed_files(self.renderer, config.site_url, config.site_name)
        else:
            log.info("No site_url in mkdocs.yml: feeds need absolute addresses, so none are written")
        for path, text in data_files:
            files.append(File.generated(config, path, content=text))
        return files

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # Feed discovery: browsers and feed readers look for these in <head>.
        if not config.site_url or self.renderer is None or "</head>" not in output:
            return output
        links = "".join(
            f'<link rel="alternate" type="{kind}" title="{escape(config.site_name)}" href="{escape(url)}">'
            for kind, url in (
                ("application/atom+xml", absolute(config.site_url, "feeds/atom.xml")),
                ("application/feed+json", absolute(config.site_url, "feeds/feed.json")),
            )
        )
        return output.replace("</head>", links + "</head>", 1)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        # Generated pages are NOT_IN_NAV (thousands of nav entries cost quadratic
        # build time); the hubs that link to them are added here instead.
        if not self.config.nav:
            return nav
        listed = {page.file.src_uri for page in nav.pages}
        items, pages = list(nav.items), list(nav.pages)
        for src, (_, title, _) in HUBS.items():
            file = files.get_file_from_path(src)
            if src in self.hub_pages and src not in listed and file is not None:
                page = Page(title, file, config)
                items.append(page)
                pages.append(page)
        for previous, current in itertools.pairwise(pages):
            previous.next_page, current.previous_page = current, previous
        return Navigation(items, pages)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.problems:
            page.meta["title"] = "Data problems"
            return errors_html(self.problems)
        src = page.file.src_uri
        if self.renderer is None or src in self.entity_pages or src in self.hub_pages:
            return markdown
        entry = self.renderer.dataset.page(src)
        if entry is not None and entry.summary and "description" not in page.meta:
            page.meta["description"] = entry.summary
        return self.renderer.hand_written_page(markdown, src, page.url)

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        record = self.entity_pages.get(page.file.src_uri)
        if record is not None and self.renderer is not None:
            page.edit_url = self.renderer.options.edit_url(record.file)
        return context
