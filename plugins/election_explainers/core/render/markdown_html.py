"""Editors' Markdown to HTML, once per text however many pages show it, and sanitized.

``[[id]]`` links become numbered *slots* before conversion, so the HTML can be
cached by text and each page fills the slots with links relative to itself.
Slots are single characters from Unicode's private-use plane 15: no Markdown
extension treats them as syntax, heading slugs drop them, editors never type
them.  Hand-written pages use the same slots for links and embeds, so our HTML
never passes through the site's Markdown extensions.

Data Markdown (``summary``, ``body``, event ``text``) is converted with a fixed
set of extensions, never the site's (``pymdownx.snippets`` would include local
files), and sanitized with an allow-list (nh3, Rust's ammonia) unless the site
sets ``raw_html: allow``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

import markdown
import nh3

from ..data.wikilinks import WikiLink, find_links, replace_links

_FIRST_SLOT = 0xF0000
_SLOTS = 0xFFFD  # plane 15's private-use code points
SLOT_RE = re.compile("[\U000f0000-\U000ffffd]")
RawHtml = Literal["sanitize", "allow"]

# What editors' Markdown may produce: ammonia's defaults (no script, no event
# handlers, no style, http(s)/mailto/relative links only), plus classes from attr_list.
_ALLOWED_ATTRIBUTES = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()}
_ALLOWED_ATTRIBUTES["*"] = {"class", "lang", "title", "dir"}
_URL_SCHEMES = {"http", "https", "mailto"}


def slot(number: int) -> str:
    """The character standing for slot ``number``."""
    if not 0 <= number < _SLOTS:
        raise ValueError(f"too many links in one text ({number}); at most {_SLOTS}")
    return chr(_FIRST_SLOT + number)


def slot_number(character: str) -> int:
    return ord(character) - _FIRST_SLOT


def fill_slots(text: str, fill: Callable[[int], str]) -> str:
    """``text`` with every slot replaced by ``fill(number)``."""
    return SLOT_RE.sub(lambda match: fill(slot_number(match.group())), text)


def without_slots(text: str) -> str:
    return SLOT_RE.sub("", text)


def sanitize(html: str) -> str:
    return nh3.clean(html, attributes=_ALLOWED_ATTRIBUTES, url_schemes=_URL_SCHEMES)


# Texts whose HTML a converter keeps: more than the L benchmark's 69,000 (see convert). Fewer cost
# more than they save there: with 20,000, a third of its pages' texts were converted again (+90 s).
KEPT_CONVERSIONS = 100_000


class MarkdownConverter:
    def __init__(self, raw_html: RawHtml = "sanitize") -> None:
        self._markdown = markdown.Markdown(
            extensions=["attr_list", "tables", "sane_lists"],
            extension_configs={"tables": {"use_align_attribute": True}},
        )
        self._clean = sanitize if raw_html == "sanitize" else str
        # The same summary shows on many pages: converted once, kept while it is among the most
        # recently used, so that memory stays bounded however large the site.
        self._cache: dict[str, tuple[str, list[WikiLink]]] = {}

    def convert(self, text: str) -> tuple[str, list[WikiLink]]:
        """Sanitized HTML with a slot for each link, and the links in slot order."""
        cached = self._cache.pop(text, None)
        if cached is None:
            plain = without_slots(text)
            links = list(find_links(plain))
            numbers = iter(range(len(links)))
            slotted = replace_links(plain, lambda link: slot(next(numbers)))
            self._markdown.reset()
            cached = (self._clean(self._markdown.convert(slotted)), links)
            if len(self._cache) >= KEPT_CONVERSIONS:
                del self._cache[next(iter(self._cache))]  # the least recently used: dicts keep order
        self._cache[text] = cached
        return cached
