"""What the plugin keeps: this build's pages and files, and under ``serve`` what one build leaves the next.

One class, so that the plugin and its event mixins (:mod:`.plugin_files`, :mod:`.plugin_pages`)
declare the state once and share it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from .config import ElectionsConfig, site_root
from .core.data.loader import LoadCache
from .core.data.problems import Problem
from .core.index.timeline import KeptItems
from .core.publish.cards import CardCache
from .core.publish.images import ImageCache
from .core.publish.page_cache import PageCache
from .core.publish.persistent import PersistentBuild
from .core.publish.photo_cards import PhotoCardCache
from .core.publish.siteconfig import SiteConfig
from .core.render.fragments import Fragments
from .core.render.incremental import OutputCache
from .core.render.page_types import HandWrittenPage, PageSource, RenderedPage
from .core.render.render import Renderer
from .mkdocs_languages import SiteLanguages
from .mkdocs_pages import DeferredFile, GeneratedFile
from .search_cache import SearchEntryCache
from .serve_collector import QuietCollector
from .serve_later import AfterReload
from .template_cache import MemoryBytecodeCache


class PluginState:
    config: ElectionsConfig  # set by MkDocs (BasePlugin)

    def __init__(self) -> None:
        super().__init__()
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
        self.deferred: list[tuple[DeferredFile, bool]] = []  # files MkDocs copies before the pages, written after
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
        self.rebuild = False  # a build under serve after the first: some work waits for after_reload
        self.after_reload = AfterReload()  # under serve: downloads and cards, made once the page reloads

    def root(self, config: MkDocsConfig) -> Path:
        return site_root(config)

    def build_cache(self, config: MkDocsConfig) -> Path | None:
        folder = self.config.build_cache_dir
        return self.root(config) / folder if folder else None

    def data_path(self, config: MkDocsConfig) -> Path:
        return self.root(config) / self.config.data_dir
