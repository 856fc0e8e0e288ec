"""The navigation of each language but the default: the site's own, with each page's version in that language.

A page with no version in the language is left out (a missing page is not
linked), and so is a section left empty; a section whose index page is
translated takes that page's title. Built once per build and language, from
the default navigation MkDocs made, with the pages MkDocs made for every file.
"""

from __future__ import annotations

from collections.abc import Callable

from mkdocs.structure import StructureItem
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page


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
