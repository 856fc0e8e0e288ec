"""What MkDocs needs per language: each one's navigation, search index and sitemap entries.

The navigation of each language but the default: the site's own, with each page's version in that language.

A page with no version in the language is left out (a missing page is not
linked), and so is a section left empty; a section whose index page is
translated takes that page's title. Built once per build and language, from
the default navigation MkDocs made, with the pages MkDocs made for every file.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from mkdocs.structure import StructureItem
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from .core.publish.alternates import Versions, gzipped_like, sitemap_with_alternates
from .core.publish.search_index import lunr_languages, split_search_index
from .core.render.i18n import THEME_FOLDER


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


def split_search(site_dir: Path, languages: tuple[str, ...]) -> None:
    """One search index per language (see search_index.py): a Russian page searches Russian pages."""
    path = site_dir / "search" / "search_index.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    material = Path(__import__("material").__file__ or ".").parent / "templates/assets/javascripts/lunr/min"
    lunr = lunr_languages([material, THEME_FOLDER / "assets/javascripts/lunr/min"])
    for lang, part in split_search_index(index, languages, lunr).items():
        target = path if lang == languages[0] else site_dir / lang / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(part, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


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
