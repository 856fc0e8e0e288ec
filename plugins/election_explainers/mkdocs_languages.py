"""What MkDocs needs per language: which page is in which, each one's navigation, search index and sitemap entries.

:class:`SiteLanguages` is the plugin's one collaborator for languages. The navigation of each language but the default: the site's own, with each page's version in that language.

A page with no version in the language is left out (a missing page is not
linked), and so is a section left empty; a section whose index page is
translated takes that page's title. Built once per build and language, from
the default navigation MkDocs made, with the pages MkDocs made for every file.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.structure import StructureItem
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from .core.data.dataset import Dataset
from .core.data.files import write_whole
from .core.publish.alternates import (
    Versions,
    gzipped_like,
    point_search_at_language,
    sitemap_with_alternates,
    switcher,
    x_default_link,
)
from .core.publish.search_index import lunr_languages, split_search_index
from .core.render.i18n import THEME_FOLDER
from .core.render.urls import docs_page_language, in_language, page_url


class SiteLanguages:
    """The site's languages through one build: each page's language and versions, each language's navigation.

    The first language is the default, published at the root; a page of another language is
    known by its source path (generated pages) or its name and ``lang:`` (docs pages)."""

    def __init__(self, codes: tuple[str, ...] = ("en",)) -> None:
        self.codes = codes
        self.page_language: dict[str, str] = {}  # each page's language but the default's, by source path
        self.versions = Versions(codes)
        self.nav: Navigation | None = None  # the default language's, as MkDocs and the plugin made it
        self.navs: dict[str, Navigation] = {}  # each other language's, made when its first page is
        self.page_at: dict[str, Page] = {}  # every page by URL

    @property
    def default(self) -> str:
        return self.codes[0]

    @property
    def several(self) -> bool:
        return len(self.codes) > 1

    def of(self, src: str) -> str:
        """The language of the page made from ``src``."""
        return self.page_language.get(src, self.default)

    def begin(self) -> None:
        """A new build: pages and versions are found again."""
        self.page_language, self.versions = {}, Versions(self.codes)

    def place_docs_pages(self, files: Files, dataset: Dataset | None) -> None:
        """``docs/x.ru.md`` is published at ``/ru/x/`` (not ``/x.ru/``), out of the default navigation."""
        for file in files.documentation_pages():
            entry = dataset.page(file.src_uri) if dataset is not None else None
            key, lang = docs_page_language(file.src_uri, self.codes, entry.lang if entry else None)
            if lang != self.default:
                src = in_language(key, lang, self.codes)
                file.dest_uri = File(src, "", "", file.use_directory_urls).dest_uri
                file.url = page_url(src, file.use_directory_urls)
                file.inclusion = InclusionLevel.NOT_IN_NAV
                self.page_language[file.src_uri] = lang
            self.versions.add(key, lang, file.url)

    def add_generated(self, src: str, url: str) -> None:
        """A generated page: ``ru/parties/x.md`` is the Russian version of ``parties/x.md``."""
        lang = next((code for code in self.codes[1:] if src.startswith(f"{code}/")), self.default)
        if lang != self.default:
            self.page_language[src] = lang
        self.versions.add(src.removeprefix(f"{lang}/") if lang != self.default else src, lang, url)

    def keep_nav(self, nav: Navigation, files: Files) -> Navigation:
        """Keep the default navigation: each other language's is made from it when its first page is."""
        self.nav, self.navs = nav, {}
        self.page_at = {file.url: file.page for file in files.documentation_pages() if file.page is not None}
        return nav

    def nav_in(self, lang: str, use_directory_urls: bool) -> Navigation | None:
        if self.nav is None:
            return None
        if lang not in self.navs:

            def version(page: Page) -> Page | None:
                url = self.versions.of(page.url).get(lang)
                return self.page_at.get(url) if url is not None else None

            home = self.page_at.get(page_url(in_language("index.md", lang, self.codes), use_directory_urls))
            self.navs[lang] = language_nav(self.nav, version, home)
        return self.navs[lang]

    def page_context(self, context: Any, page: Page, extra: Any, site_url: str, use_directory_urls: bool) -> None:
        """The page's language, its language's navigation and Material's language menu for this page."""
        if not self.several:
            return
        lang = self.page_language.get(page.file.src_uri)
        if lang is not None:
            page.meta["lang"] = lang
            translated = self.nav_in(lang, use_directory_urls)
            if translated is not None:
                context["nav"] = translated
        # Material's language menu and hreflang links, for this page: its own versions, not the homes.
        versions = switcher(self.versions, page.url, site_url)
        extra["alternate"] = versions if len(versions) > 1 else []

    def post_page(self, output: str, page: Page, site_url: str) -> str:
        """Search in the page's language, and the ``x-default`` version in its head."""
        lang = self.page_language.get(page.file.src_uri)
        if lang is not None:
            output = point_search_at_language(output, page.url, lang)
        if self.several and "</head>" in output:
            output = output.replace("</head>", x_default_link(self.versions, page.url, site_url) + "</head>", 1)
        return output

    def post_build(self, site_dir: Path, site_url: str) -> None:
        """One search index per language, and the sitemap's alternates."""
        if self.several:
            split_search(site_dir, self.codes)
            sitemap_alternates(site_dir, site_url, self.versions)

    def write_search(self, site_dir: Path, text: str) -> None:
        """Write Material's search index ``text`` again (after :meth:`post_build`), split as it splits it."""
        path = site_dir / "search" / "search_index.json"
        if self.several:
            split_search(site_dir, self.codes, json.loads(text))
        else:
            write_whole(path, [text])


def language_nav(nav: Navigation, version: Callable[[Page], Page | None], home: Page | None) -> Navigation:
    """``nav`` with each page replaced by ``version(page)`` (its page in the language, or ``None``)."""
    pages: list[Page] = []

    def convert(item: StructureItem, parent: Section | None) -> StructureItem | None:
        if isinstance(item, Page):
            other = version(item)
            if other is None:
                return None
            other.parent = parent
            pages.append(other)
            return other
        if isinstance(item, Section):
            section = Section(item.title, [])
            section.parent = parent
            section.children = [c for c in (convert(child, section) for child in item.children) if c is not None]
            if not section.children:
                return None
            index = next((c for c in section.children if isinstance(c, Page) and c.is_index and c.title), None)
            if index is not None:
                section.title = index.title or section.title
            return section
        return item  # a link: the same in every language

    items = [c for c in (convert(item, None) for item in nav.items) if c is not None]
    translated = Navigation(items, pages)
    translated.homepage = home
    return translated


def split_search(site_dir: Path, languages: tuple[str, ...], index: dict[str, Any] | None = None) -> None:
    """One search index per language (see search_index.py): a Russian page searches Russian pages.

    ``index``: Material's, when not read from the file it wrote."""
    path = site_dir / "search" / "search_index.json"
    if index is None:
        if not path.is_file():
            return
        index = json.loads(path.read_text(encoding="utf-8"))
    material = Path(__import__("material").__file__ or ".").parent / "templates/assets/javascripts/lunr/min"
    lunr = lunr_languages([material, THEME_FOLDER / "assets/javascripts/lunr/min"])
    for lang, part in split_search_index(index, languages, lunr).items():
        target = path if lang == languages[0] else site_dir / lang / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        write_whole(target, [json.dumps(part, ensure_ascii=False, separators=(",", ":"))])


def sitemap_alternates(site_dir: Path, site_url: str, versions: Versions) -> None:
    """Each page's language versions in sitemap.xml (and its gzipped copy)."""
    path = site_dir / "sitemap.xml"
    if not site_url or not path.is_file():
        return
    xml = sitemap_with_alternates(path.read_text(encoding="utf-8"), versions, site_url)
    path.write_text(xml, encoding="utf-8")
    gz = site_dir / "sitemap.xml.gz"
    if gz.is_file():
        gz.write_bytes(gzipped_like(xml.encode("utf-8"), gz.read_bytes()))
