"""The MkDocs plugin: a thin adapter from MkDocs' events to the data core.

- ``on_pre_build`` loads and validates ``data/`` before MkDocs touches
  ``site_dir``; bad data stops ``mkdocs build`` with every problem listed.
  Under ``mkdocs serve`` the server keeps running and every page shows the
  problems until they are fixed.
- ``on_files`` adds a generated page per entity and the hub pages.  MkDocs
  gets a stub (front matter only) for each; our HTML goes in afterwards, so
  generated pages never pass through Markdown: at ``on_page_context``, just
  before the theme, in a one-off build (the site is never all in memory), and
  at ``on_page_content`` under ``serve`` (where ``--dirty`` needs to know
  before writing whether a page changed).
- ``on_nav`` puts the hub pages in the navigation; entity pages stay out of it.
- ``on_page_markdown`` turns ``[[id]]`` links and embeds in hand-written pages
  into slots, and ``on_page_content`` fills them with our HTML.

Between builds of one ``mkdocs serve`` the plugin keeps what it made, with
what each output read; after an edit only outputs whose inputs changed are
made again, and with ``--dirty`` unchanged pages are skipped end to end.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import os
from pathlib import Path
from typing import Any, Literal

import jinja2
from jinja2 import FileSystemBytecodeCache
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .config import ElectionsConfig, site_config, site_root
from .core.data.langtags import site_language_problems
from .core.data.languages import missing_translations
from .core.data.loader import LoadCache, load
from .core.data.problems import DataError, Problem
from .core.index.timeline import KeptItems
from .core.index.tracking import EVERYTHING, changed_keys
from .core.publish.assets import ASSET_FOLDER, ASSETS, COUNT_SCRIPT, SCRIPT, STYLESHEET
from .core.publish.buildstate import config_fingerprint, digest
from .core.publish.cards import CardCache
from .core.publish.downloads import data_page
from .core.publish.head import head_links
from .core.publish.history import last_changed, last_commit_date
from .core.publish.images import ImageCache, ImageError, image_outputs
from .core.publish.page_cache import PageCache
from .core.publish.persistent import PersistentBuild
from .core.publish.photo_cards import PhotoCardCache, site_cards
from .core.publish.siteconfig import SiteConfig
from .core.render.fragments import Fragments
from .core.render.i18n import PACKAGE_LOCALES, THEME_FOLDER, translator
from .core.render.incremental import OutputCache
from .core.render.markdown_html import slot_number
from .core.render.render import (
    HUBS,
    HandWrittenPage,
    PageSource,
    RenderedPage,
    Renderer,
    RenderOptions,
    front_matter,
    make_environment,
)
from .core.render.share import DATA_PAGE
from .core.render.view import View, plain_text
from .errors_page import errors_html
from .mkdocs_languages import SiteLanguages
from .mkdocs_pages import GeneratedFile, LazyFile, anchor_ids, force_modified, replace_slots_in_toc, table_of_contents
from .search_cache import SearchEntryCache
from .serve_collector import QuietCollector
from .serve_watch import watch_natively
from .template_cache import MemoryBytecodeCache

log = logging.getLogger("mkdocs.plugins.elections")


class ElectionsPlugin(BasePlugin[ElectionsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command: str = "build"
        self.dirty = False
        self.renderer: Renderer | None = None
        self.problems: list[Problem] = []
        # This build's generated pages and hand-written pages, by source path.
        self.sources: dict[str, PageSource] = {}
        self.files: dict[str, GeneratedFile] = {}
        self.hand_written: dict[str, HandWrittenPage] = {}
        # Kept from one build to the next under `serve`.
        self.load_cache = LoadCache()  # only files that changed are parsed again
        self.fingerprint = ""
        self.previous_sources: dict[str, PageSource] = {}
        self.pages: OutputCache[RenderedPage] = OutputCache()
        self.data_files: OutputCache[str | bytes] = OutputCache()
        self.fragments: Fragments[Any] = Fragments()  # entries of the long lists
        self.kept_items = KeptItems()  # each record's timeline items
        self.docs_reads: dict[str, frozenset[str]] = {}
        self.stale_docs: set[str] = set()
        self.built: list[str] = []  # pages this build rendered with the theme and wrote
        self.build_date: str | None = None  # the day every page is dated (see on_config)
        self.theme_code = MemoryBytecodeCache()
        self.search_entries = SearchEntryCache()  # Material's parse of each page, kept on disk
        self.page_cache: PageCache | None = None  # a one-off build's generated pages, kept on disk
        self.cards: set[str] = set()  # the cards this build wrote
        self.card_cache: CardCache | None = None
        self.photo_card_cache: PhotoCardCache | None = None
        self.image_cache: ImageCache | None = None  # processed images, kept across `serve` rebuilds
        self.data_page_src: str | None = None
        self.site = SiteConfig(Path("."))  # this build's settings (see render_options)
        # `explainers build --incremental` sets this (the CLI looks for the attribute): the build state
        # says which outputs to make again; the rest are kept from the published site (see persistent.py).
        self.persistent: PersistentBuild | None = None
        self.all_files: Files | None = None
        self.built_urls: list[str] = []
        self.languages = SiteLanguages()
        self.catalogues: list[tuple[str, int]] = []  # the .po files' dates, to see one edited under serve
        self.renderers: dict[str, Renderer] = {}  # one per language, sharing the dataset and its indexes
        self.language_fragments: dict[str, Fragments[Any]] = {}  # each other language's, under serve
        self.collector = QuietCollector()  # under serve: no full collections while a rebuild runs

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

    def root(self, config: MkDocsConfig) -> Path:
        return site_root(config)

    def build_cache(self, config: MkDocsConfig) -> Path | None:
        folder = self.config.build_cache_dir
        return self.root(config) / folder if folder else None

    def data_path(self, config: MkDocsConfig) -> Path:
        return self.root(config) / self.config.data_dir

    # -- loading -------------------------------------------------------------------------

    @event_priority(100)  # before other plugins read anything
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.command == "serve":
            self.collector.build_started()
        self.search_entries.attach(config.plugins, self.build_cache(config))
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
        self.renderer = Renderer(dataset, options, markdown, fragments, kept_items)
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

    # -- files ------------------------------------------------------------------------------

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for file in list(files):
            # A pipe or device named *.md would hang MkDocs when it reads the page; validation reports it.
            if file.abs_src_path and not Path(file.abs_src_path).is_file():
                files.remove(file)
        folder = self.build_cache(config)
        one_off = self.command != "serve" and self.persistent is None and not self.problems
        self.page_cache = PageCache(folder) if one_off and folder is not None else None
        if (self.persistent is not None or self.page_cache is not None) and self.renderer is not None:
            self.begin_plan(files, config)
        for path in sorted(ASSETS.iterdir()):
            files.append(File.generated(config, f"{ASSET_FOLDER}/{path.name}", abs_src_path=str(path)))
        if self.renderer is None:
            return files
        # With data problems under `serve`, the last good build's pages stay, showing the problems.
        self.languages.begin()
        self.languages.place_docs_pages(files, self.renderer.dataset)
        if self.problems:
            sources: Any = self.previous_sources.values()
        else:
            sources = [s for renderer in self.renderers.values() for s in renderer.sources()]
        self.sources, self.files = {}, {}
        for source in sources:
            if files.get_file_from_path(source.src) is not None:
                log.info("%s is written by hand in docs/; not generating it", source.src)
                continue
            stub = front_matter(source)
            file = GeneratedFile.of(config, source.src, stub, inclusion=InclusionLevel.NOT_IN_NAV)
            file.changed = (
                bool(self.problems)
                or self.previous_sources.get(source.src) != source
                or self.pages.fresh(source.src) is None
            )
            if self.persistent is not None:
                file.changed = self.persistent.must_make(file.dest_uri)
            files.append(file)
            self.sources[source.src] = source
            self.files[source.src] = file
            self.languages.add_generated(source.src, file.url)
        if not self.problems:
            self.previous_sources = dict(self.sources)
            self.add_images(files, config)
            self.add_data_files(files, config)
            self.add_data_page(files, config)
        for file in files.documentation_pages():
            if self.problems or file.src_uri in self.stale_docs:
                force_modified(file)
            elif self.persistent is not None and file.src_uri not in self.sources:
                # A hand-written page (MkDocs' own dirty test is its file's date) or the data page.
                made_again = self.persistent.must_make(file.dest_uri)
                if isinstance(file, GeneratedFile):
                    file.changed = made_again
                elif made_again:
                    force_modified(file)
        return files

    def add_images(self, files: Files, config: MkDocsConfig) -> None:
        """Every published size of every image, copied from the cache folder (made there first if missing).

        Not through ``self.data_files``: under ``serve`` that would hold every image's bytes in memory."""
        assert self.renderer is not None
        if self.image_cache is None:
            folder = self.config.sharing.images_cache_dir
            self.image_cache = ImageCache(self.root(config) / folder if folder else None)
        try:
            outputs = image_outputs(self.renderer.dataset, self.image_cache)
        except ImageError as error:
            raise PluginError(f"elections: {error}") from None
        for output in outputs:
            files.append(File.generated(config, output.path, abs_src_path=str(output.file)))

    def begin_plan(self, files: Files, config: MkDocsConfig) -> None:
        """Ask the build state what this build must make (before any file is added): the published
        site's under ``explainers build --incremental``, else the build cache's for generated pages."""
        assert self.renderer is not None
        code = [Path(__file__).parent]
        if config.theme.custom_dir:
            code.append(Path(config.theme.custom_dir))
        settings = Path(config.config_file_path).read_bytes() if config.config_file_path else b""
        fingerprint = config_fingerprint(self.fingerprint, settings, code=code, packages=["mkdocs", "mkdocs-material"])
        docs = [f.src_uri for f in files.documentation_pages()]
        if self.persistent is not None:
            found = self.persistent.begin(fingerprint, docs, self.renderer.dataset)
            log.info("Incremental build: %s", found.reason)
        elif self.page_cache is not None:
            found = self.page_cache.begin(fingerprint, docs, self.renderer.dataset)
            log.debug("Generated pages kept from the last build: %s", found.reason)

    def add_data_files(self, files: Files, config: MkDocsConfig) -> None:
        assert self.renderer is not None
        data_files = self.site.data_files(self.renderer)
        if not config.site_url:
            log.info("No site_url in mkdocs.yml: feeds need absolute addresses, so none are written")
        sharing = self.config.sharing
        self.cards = set()
        if sharing.cards and config.site_url:
            if self.card_cache is None:
                folder = sharing.cards_cache_dir
                self.card_cache = CardCache(self.root(config) / folder if folder else None)
            if self.photo_card_cache is None:
                folder = sharing.cards_cache_dir
                self.photo_card_cache = PhotoCardCache(self.root(config) / folder / "photos" if folder else None)
            assert self.image_cache is not None  # add_images ran first
            # A page whose record has an image gets a card drawn from it; its drawn card is neither made nor written.
            fresh = self.data_files.fresh
            persistent = self.persistent
            kept = (lambda p: not persistent.must_make(p)) if persistent else (lambda p: fresh(p) is not None)
            renderers = list(self.renderers.values()) or [self.renderer]
            cards = site_cards(
                renderers, config.site_name, self.image_cache, self.card_cache, self.photo_card_cache, kept
            )
            data_files += cards
            self.cards = {card.path for card in cards}
        elif sharing.cards:
            log.info("No site_url in mkdocs.yml: social cards need absolute addresses, so none are made")
        for data_file in data_files:
            if self.command != "serve":  # made as it is written: the whole site's files are never all in memory
                lazy = LazyFile.lazy(config, data_file.path, data_file.make)
                if self.persistent is not None:
                    lazy.changed = self.persistent.must_make(data_file.path)
                    if lazy.changed:
                        self.persistent.made(data_file.path, data_file.reads)
                files.append(lazy)
                continue
            text: str | bytes | None = self.data_files.fresh(data_file.path)
            changed = False
            if text is None:
                text = data_file.make()
                changed = self.data_files.store(data_file.path, text, data_file.reads)
            file = GeneratedFile.of(config, data_file.path, text)
            file.changed = changed
            files.append(file)

    def add_data_page(self, files: Files, config: MkDocsConfig) -> None:
        """``/data/``: what can be downloaded, and the data's licence."""
        if not self.config.sharing.downloads:
            return
        if files.get_file_from_path(DATA_PAGE) is not None:
            log.info("%s is written by hand in docs/; not generating it", DATA_PAGE)
            return
        stub = '---\ntitle: "Data downloads"\ndescription: "The whole dataset and each election\'s results as files."\n---\n\n'
        files.append(GeneratedFile.generated(config, DATA_PAGE, content=stub, inclusion=InclusionLevel.NOT_IN_NAV))
        self.data_page_src = DATA_PAGE

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

    # -- pages -----------------------------------------------------------------------------

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if self.build_date is not None:
            page.update_date = self.build_date
        return page

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        src = page.file.src_uri
        if self.problems:
            page.meta["title"] = "Data problems"
            return ""
        if self.renderer is None or src in self.sources:
            return markdown  # a generated page's stub: its HTML comes at on_page_content
        lang = self.languages.of(src)
        if lang != self.languages.default:
            page.meta["lang"] = lang  # <html lang> and the theme's words (theme/partials/language.html)
        renderer = self.renderers.get(lang, self.renderer)
        written = renderer.hand_written_page(markdown, src, page.url)
        self.hand_written[src] = written
        self.docs_reads[src] = written.reads
        if self.persistent is not None:
            self.persistent.made(page.file.dest_uri, written.reads)
        entry = self.renderer.dataset.page(src)
        if entry is not None and entry.summary and "description" not in page.meta:
            # Themes print the description unescaped into an attribute.
            summary = View(renderer, page.url, None).html(entry.summary)
            page.meta["description"] = str(escape(plain_text(summary)))
        return written.markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        src = page.file.src_uri
        if self.problems:
            return errors_html(self.problems)
        source = self.sources.get(src)
        if source is not None:
            if self.command != "serve":
                # MkDocs reads every page before it writes any: a one-off build renders each generated
                # page just before the theme does (on_page_context), so the site is never all in memory.
                return ""
            rendered = self.pages.fresh(src)
            if rendered is None:
                rendered = self.render(source)
                different = self.pages.store(src, rendered, rendered.reads)
                self.files[src].changed = different or self.previous_sources.get(src) != source
            return show(page, rendered)
        if src == self.data_page_src and self.renderer is not None:
            rendered = data_page(self.renderer, config.site_name, self.site.data_licence)
            if self.persistent is not None:
                self.persistent.made(page.file.dest_uri, {EVERYTHING})  # it lists every election
            page.toc = table_of_contents(rendered.headings)
            return rendered.html
        written = self.hand_written.pop(src, None)
        if written is None:
            return html
        replace_slots_in_toc(page.toc, lambda slot: str(escape(plain_text(written.slots[slot_number(slot)]))))
        return written.fill(html)

    def render(self, source: PageSource) -> RenderedPage:
        assert self.renderer is not None
        renderer = self.renderers.get(self.languages.of(source.src), self.renderer)
        try:
            return renderer.render(source)
        except Exception as error:
            if self.command != "serve":
                raise PluginError(f"Could not render {source.src}: {error!r}") from error
            # Under serve the editor sees what went wrong on the page itself; any edit retries it.
            log.exception("Could not render %s", source.src)
            problem = Problem(source.data_file or source.src, 1, 1, "", f"could not render this page: {error!r}")
            return RenderedPage(errors_html([problem]), (), frozenset({EVERYTHING}))

    @event_priority(-100)  # after the search plugin and MkDocs wrote the index and the sitemap
    def on_post_build(self, *, config: MkDocsConfig) -> None:
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

    def on_build_error(self, *, error: Exception) -> None:
        self.collector.build_ended()

    def on_shutdown(self) -> None:
        self.collector.stop()

    @event_priority(100)  # before the search plugin reads the page's content
    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        self.languages.page_context(context, page, config.extra, config.site_url or "", config.use_directory_urls)
        source = self.sources.get(page.file.src_uri)
        if source is None or self.renderer is None:
            return context
        if self.command != "serve" and not self.problems:
            dest = page.file.dest_uri
            rendered = self.page_cache.get(dest) if self.page_cache is not None else None
            if rendered is None:
                rendered = self.render(source)
                if self.page_cache is not None:
                    self.page_cache.put(dest, rendered)
            show(page, rendered)
            if self.persistent is not None:
                self.persistent.made(page.file.dest_uri, rendered.reads)
        if source.data_file:
            page.edit_url = self.renderer.options.edit_url(source.data_file)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # MkDocs logs each page it builds only once per process; editors (and tests) want every build's.
        log.debug("Built page %s", page.file.src_uri)
        self.built.append(page.file.src_uri)
        self.built_urls.append(page.url)
        if self.command != "serve" and page.file.src_uri in self.sources:
            page.content = None  # written: a one-off build need not keep it
        output = self.languages.post_page(output, page, config.site_url or "")
        if not config.site_url or self.renderer is None or "</head>" not in output:
            return output
        source = None if self.problems else self.sources.get(page.file.src_uri)
        renderer = self.renderers.get(self.languages.of(page.file.src_uri), self.renderer)
        links = head_links(renderer, source, page.url, self.cards, 'property="og:' in output)
        return output.replace("</head>", links + "</head>", 1)


def show(page: Page, rendered: RenderedPage) -> str:
    """Put a generated page's HTML, table of contents and anchors where MkDocs and the theme look."""
    page.content = rendered.html
    page.toc = table_of_contents(rendered.headings)
    page.present_anchor_ids = anchor_ids(rendered.html)
    return rendered.html


class _DirtyWarningFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")
