"""The files a build of the plugin adds: a stub per generated page, images, data files, cards, the data page.

A mixin of :class:`~.plugin.ElectionsPlugin`, apart because it is most of what the plugin
does with MkDocs' ``Files``; the state it reads is :class:`~.plugin_state.PluginState`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from .core.publish.assets import ASSET_FOLDER, ASSETS
from .core.publish.buildstate import config_fingerprint
from .core.publish.cards import CardCache
from .core.publish.images import ImageCache, ImageError, image_outputs
from .core.publish.page_cache import PageCache
from .core.publish.photo_cards import PhotoCardCache, site_cards
from .core.publish.publish import DataFile
from .core.render.render import front_matter
from .core.render.share import DATA_PAGE
from .mkdocs_pages import DeferredFile, GeneratedFile, LazyFile, force_modified
from .plugin_state import PluginState

log = logging.getLogger("mkdocs.plugins.elections")


class FilesEvents(PluginState):
    """``on_files`` and what it calls."""

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
                if data_file.path in self.cards:  # the cards may still be drawing: written after the pages
                    lazy: LazyFile = DeferredFile.later(config, data_file.path, data_file.make, self.deferred)
                else:
                    lazy = LazyFile.lazy(config, data_file.path, data_file.make)
                if self.persistent is not None:
                    lazy.changed = self.persistent.must_make(data_file.path)
                    if lazy.changed:
                        self.persistent.made(data_file.path, data_file.reads)
                files.append(lazy)
                continue
            text: str | bytes | None = self.data_files.fresh(data_file.path)
            if text is None and self.rebuild:  # made again once the browser has its reload (serve_later.py)
                files.append(DeferredFile.later(config, data_file.path, self.kept_when_made(data_file), self.deferred))
                continue
            changed = False
            if text is None:
                text = data_file.make()
                changed = self.data_files.store(data_file.path, text, data_file.reads)
            file = GeneratedFile.of(config, data_file.path, text)
            file.changed = changed
            files.append(file)

    def kept_when_made(self, data_file: DataFile) -> Callable[[], str | bytes]:
        """``data_file.make``, keeping what it made for the next build under ``serve``."""

        def make() -> str | bytes:
            text = data_file.make()
            self.data_files.store(data_file.path, text, data_file.reads)
            return text

        return make

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
