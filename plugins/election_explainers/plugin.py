"""The MkDocs plugin: a thin adapter from MkDocs' events to the data core.

- ``on_pre_build`` loads and validates ``data/`` before MkDocs touches
  ``site_dir``; bad data stops ``mkdocs build`` with every problem listed.
  Under ``mkdocs serve`` the server keeps running and every page shows the
  problems until they are fixed.
- ``on_files`` (in :mod:`.plugin_files`) adds a generated page per entity and the hub pages.  MkDocs
  gets a stub (front matter only) for each; our HTML goes in afterwards, so
  generated pages never pass through Markdown: at ``on_page_context``, just
  before the theme, in a one-off build (the site is never all in memory), and
  at ``on_page_content`` under ``serve`` (where ``--dirty`` needs to know
  before writing whether a page changed).
- ``on_nav`` puts the hub pages in the navigation; entity pages stay out of it.
- ``on_page_markdown`` (in :mod:`.plugin_pages`, with the other page events) turns
  ``[[id]]`` links and embeds in hand-written pages into slots, and
  ``on_page_content`` fills them with our HTML.

Between builds of one ``mkdocs serve`` the plugin keeps what it made, with
what each output read; after an edit only outputs whose inputs changed are
made again, and with ``--dirty`` unchanged pages are skipped end to end.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import jinja2
from jinja2 import FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .config import ElectionsConfig, site_config
from .core.data.langtags import site_language_problems
from .core.data.languages import missing_translations
from .core.data.loader import load
from .core.data.problems import DataError
from .core.index.tracking import changed_keys
from .core.publish.assets import COUNT_SCRIPT, SCRIPT, STYLESHEET
from .core.publish.buildstate import digest
from .core.publish.history import last_changed, last_commit_date
from .core.render.environment import make_environment
from .core.render.fragments import Fragments
from .core.render.i18n import PACKAGE_LOCALES, THEME_FOLDER, translator
from .core.render.options import RenderOptions
from .core.render.render import HUBS, Renderer
from .mkdocs_languages import SiteLanguages
from .mkdocs_pages import DeferredFile, force_modified
from .plugin_files import FilesEvents
from .plugin_pages import PageEvents
from .serve_watch import watch_natively

log = logging.getLogger("mkdocs.plugins.elections")


class ElectionsPlugin(FilesEvents, PageEvents, BasePlugin[ElectionsConfig]):
    supports_multiple_instances = False

    # -- configuration ---------------------------------------------------------------

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command
        self.dirty = dirty
        if dirty:
            # MkDocs warns on every --dirty build that pages may be stale; this plugin rebuilds what an
            # edit touches (the preview guide names the one exception, menus after a docs rename).
            logging.getLogger("mkdocs.commands.build").addFilter(_DirtyWarningFilter())

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # MkDocs dates every page (the sitemap's <lastmod>, the gzip header of sitemap.xml.gz) with the day
        # it builds, unless SOURCE_DATE_EPOCH is set; the last commit's day makes the same data build the
        # same bytes on any day. Outside git the build day stays: there is no better date to give.
        self.build_date = None if "SOURCE_DATE_EPOCH" in os.environ else last_commit_date(self.root(config))
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        for script in (SCRIPT, COUNT_SCRIPT):
            if script not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(script)
        problems = site_language_problems(self.config.languages) if self.config.languages else []
        if problems:
            raise PluginError("elections: languages: " + "; ".join(problems))
        self.languages = SiteLanguages(tuple(self.config.languages) or ("en",))
        if self.languages.several and str(THEME_FOLDER) not in config.theme.dirs:
            # The site's overrides first, then ours (words per page, Kazakh, lunr.kk), then Material's.
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_FOLDER))
        return config

    # -- loading -------------------------------------------------------------------------

    @event_priority(100)  # before other plugins read anything
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.after_reload.stop()  # the last build's downloads and cards: written, or made by this build
        if self.command == "serve":
            self.collector.build_started()
        # A rebuild after an edit leaves what the page does not show until the browser has its reload.
        self.rebuild = self.command == "serve" and self.renderer is not None
        self.search_entries.attach(
            config.plugins,
            self.build_cache(config),
            parse_later=self.rebuild and self.dirty,
            write_later=self.command != "serve",  # a one-off build's peak is Material writing its index
        )
        # MkDocs cleans and writes site_dir only after this event: bad data leaves it untouched.
        # Only `serve` builds again: a one-off build keeping files, entries and items would only cost memory.
        serving = self.command == "serve"
        cache = self.load_cache if serving else None
        try:
            dataset = load(
                self.data_path(config),
                Path(config.docs_dir),
                root=self.root(config),
                cache=cache,
                languages=self.languages.codes,
            )
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
        options, fingerprint = self.render_options(config)
        previous = self.renderer
        changed: set[str] | None = None
        if previous is not None and fingerprint == self.fingerprint:
            changed = changed_keys(previous.dataset, dataset)
        self.fingerprint = fingerprint
        markdown = previous.markdown if previous is not None and changed is not None else None
        fragments, kept_items = (self.fragments, self.kept_items) if serving else (None, None)
        # Its lists are taken only if its entries and settings are this index's (reuse_lists_of checks).
        related = previous.related_index if previous is not None else None
        self.renderer = Renderer(dataset, options, markdown, fragments, kept_items, related)
        for lang in self.languages.codes[1:]:
            self.language_fragments.setdefault(lang, Fragments()).begin(changed)
        own = self.language_fragments if serving else {}
        codes = self.languages.codes
        self.renderers = {lang: self.renderer.in_language(lang, own.get(lang)) for lang in codes}
        for lang, missing in missing_translations(dataset.records.values(), codes).items():
            if missing and self.config.untranslated == "warn":  # --strict fails the build on it
                log.warning(
                    "%d name(s) and text(s) not translated into %s: see `explainers translations`", len(missing), lang
                )
        self.fragments.begin(changed)
        self.pages.begin(changed)
        self.data_files.begin(changed)
        self.stale_docs = {
            src for src, reads in self.docs_reads.items() if changed is None or not reads.isdisjoint(changed)
        }

    def render_options(self, config: MkDocsConfig) -> tuple[RenderOptions, str]:
        """The options generated pages render with, and a fingerprint of everything they depend on
        besides the data (a change to it re-renders every page)."""
        self.site = site_config(self.config, config)
        last_updated, dates = self.last_updated_maker(config)
        options = self.site.render_options(last_updated)
        templates = sorted(
            (str(path), path.stat().st_mtime_ns)
            for folder in (*options.template_dirs, Path(__file__).parent / "templates")
            for path in folder.rglob("*")
            if path.is_file()
        )
        catalogues = sorted(
            (str(path), path.stat().st_mtime_ns)
            for folder in (*options.locale_dirs, PACKAGE_LOCALES)
            for path in folder.rglob("*.po")
        )
        if catalogues != self.catalogues:
            # A catalogue edited under `serve`: its words are read again, and the templates get them.
            if self.catalogues:
                translator.cache_clear()
                make_environment.cache_clear()
            self.catalogues = catalogues
        seen = [self.site, sorted(dates.items()), templates, catalogues]
        return options, hashlib.sha256(repr(seen).encode()).hexdigest()

    def last_updated_maker(self, config: MkDocsConfig) -> tuple[Any, dict[Path, str]]:
        if not self.config.last_updated:
            return (lambda file: None), {}
        root = self.root(config)
        dates = last_changed(self.data_path(config))
        return (lambda file: dates.get((root / file).resolve()) if file else None), dates

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.data_path(config)))
        for folder in self.site.locale_dirs:  # the site's own catalogues
            server.watch(str(folder))
        watch_natively(server)
        return server

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        if self.command == "serve" and env.bytecode_cache is None:
            env.bytecode_cache = self.theme_code  # compiled once per session, not once per edit
        self.all_files = files
        folder = self.build_cache(config)
        if env.bytecode_cache is None and (folder is not None or self.persistent is not None):
            # Each build is a new process: compiled templates kept on disk save a second or two.
            templates = folder / "templates" if folder is not None else None
            if templates is not None:
                templates.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = FileSystemBytecodeCache(str(templates) if templates is not None else None)
            for renderer in self.renderers.values():
                if renderer.env.bytecode_cache is None:
                    renderer.env.bytecode_cache = env.bytecode_cache
        if self.persistent is not None:
            # MkDocs writes in place: a staged file still linked to the live site must be let go first.
            self.persistent.detach(f.dest_uri for f in files if f.is_modified())
        return env

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.dirty:
            # Pages --dirty skips are never read, and the navigation would show them untitled.
            for page in nav.pages:
                if page.markdown is None and not page.file.is_modified() and page.file.abs_src_path:
                    page.read_source(config)
        if self.build_date is not None:
            # The sitemap dates every page, those dirty mode skips (and never sends to on_pre_page) too.
            for documented in files.documentation_pages():
                if documented.page is not None:
                    documented.page.update_date = self.build_date
        # Generated pages are NOT_IN_NAV (thousands of nav entries cost quadratic
        # build time); the hubs that link to them are added here instead.
        if not self.config.nav:
            return self.languages.keep_nav(nav, files)
        listed = {page.file.src_uri for page in nav.pages}
        items, pages = list(nav.items), list(nav.pages)
        for src, (_, title, _) in HUBS.items():
            hub = files.get_file_from_path(src)
            if src in self.sources and src not in listed and hub is not None:
                page = Page(title, hub, config)
                items.append(page)
                pages.append(page)
        for previous, current in itertools.pairwise(pages):
            previous.next_page, current.previous_page = current, previous
        if self.persistent is not None:
            for page in pages:  # a title is known once read, and dirty mode reads only some pages by now
                if page.markdown is None:
                    page.read_source(config)
        if self.persistent is not None and self.persistent.menu(digest(repr([(p.title, p.url) for p in pages]))):
            log.info("Incremental build: the menu changed, so every page is made again")
            for file in files:
                force_modified(file)
        return self.languages.keep_nav(Navigation(items, pages), files)

    @event_priority(50)  # before the search plugin writes its index
    def _merge_search_index(self, *, config: MkDocsConfig) -> None:
        if self.command == "serve" and self.dirty:
            self.search_entries.merge_rebuilt(config.plugins)

    @event_priority(-100)  # after the search plugin and MkDocs wrote the index and the sitemap
    def _finish_build(self, *, config: MkDocsConfig) -> None:
        if self.command == "serve":
            waiting, self.deferred = self.deferred, []
            site_dir = Path(config.site_dir)

            def after_reload(stopping: Callable[[], bool]) -> None:
                # Search first, and whole: a page left unparsed would keep its old entries.
                index = self.search_entries.parse_waiting()
                if index is not None:
                    self.languages.write_search(site_dir, index)
                DeferredFile.write_deferred(waiting, stopping)

            self.after_reload.start(after_reload)
        else:
            self.search_entries.write_index(Path(config.site_dir))
            DeferredFile.write_deferred(self.deferred)
        if not self.problems:
            self.languages.post_build(Path(config.site_dir), config.site_url or "")
        if self.command != "serve":  # under serve the entries stay in memory; the first build read the file
            self.search_entries.save()
        if self.page_cache is not None:
            self.page_cache.finish()
            self.page_cache = None
        if self.dirty:
            log.info("Rebuilt %d page(s); the pages this change did not touch were kept as they were", len(self.built))
        if self.persistent is not None and self.all_files is not None:
            files = self.all_files
            self.persistent.finish(
                [f.dest_uri for f in files],
                [f.page.url for f in files.documentation_pages() if f.page is not None],
                self.built_urls,
            )
        self.built = []
        self.built_urls = []
        self.collector.build_ended()

    on_post_build = CombinedEvent(_merge_search_index, _finish_build)

    def on_build_error(self, *, error: Exception) -> None:
        self.deferred.clear()
        self.collector.build_ended()

    def on_shutdown(self) -> None:
        self.after_reload.stop()
        self.collector.stop()


class _DirtyWarningFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")
