"""Editors' Markdown to HTML, once per text however many pages show it.

``[[id]]`` links become numbered slots before conversion, so the HTML can be
cached by text and each page fills the slots with links relative to itself.
"""

from __future__ import annotations

import re

import markdown

from .wikilinks import WikiLink, find_links, replace_links

# U+2063 (invisible separator) around a number: Markdown leaves it alone, editors never type it.
_MARK = "\u2063"
LINK_SLOT_RE = re.compile(f"{_MARK}(\\d+){_MARK}")


class MarkdownConverter:
    def __init__(self) -> None:
        self._markdown = markdown.Markdown(extensions=["attr_list", "tables", "sane_lists"])
        self._cache: dict[str, tuple[str, list[WikiLink]]] = {}

    def convert(self, text: str) -> tuple[str, list[WikiLink]]:
        """HTML with a slot for each link, and the links in slot order."""
        cached = self._cache.get(text)
        if cached is None:
            plain = text.replace(_MARK, "")
            links = list(find_links(plain))
            numbers = iter(range(len(links)))
            slotted = replace_links(plain, lambda link: f"{_MARK}{next(numbers)}{_MARK}")
            self._markdown.reset()
            cached = self._cache[text] = (self._markdown.convert(slotted), links)
        return cached
