"""What the renderer hands out for a page: its :class:`PageSource` (where, title, description), its
:class:`RenderedPage` (HTML, headings and reads), or, for a ``docs/`` page, a :class:`HandWrittenPage`."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..data.models import Record
from .markdown_html import SLOT_RE, fill_slots
from .view import Heading

LISTINGS = ("timeline/index.md", "stories/index.md")
_LONE_SLOT_RE = re.compile(f"<p>({SLOT_RE.pattern})</p>")


@dataclass(frozen=True)
class PageSource:
    """A generated page before it is rendered: where it goes, its title and description."""

    src: str
    title: str
    description: str | None
    record: Record | None = None  # an entity's or story's page
    section: str | None = None  # a story section's page

    @property
    def searchable(self) -> bool:
        """Lists of everything (the timeline, the stories and their sections) stay out of search:
        each entry is found on its own page, and listing them again only crowds the results."""
        return self.section is None and self.src not in LISTINGS

    @property
    def data_file(self) -> str | None:
        return self.record.file if self.record else None


@dataclass(frozen=True)
class RenderedPage:
    html: str
    headings: tuple[Heading, ...]
    reads: frozenset[str]  # see tracking.py


@dataclass(frozen=True)
class HandWrittenPage:
    """A ``docs/`` page as Markdown whose links and embeds are slots, and the HTML of each slot.

    The site's Markdown converts the page; :meth:`fill` then puts our HTML in,
    so none of it passes through the site's Markdown extensions.
    """

    markdown: str
    slots: tuple[str, ...]
    reads: frozenset[str]

    def fill(self, html: str, wrap: Callable[[str], str] = str) -> str:
        if not self.slots:
            return html
        # A block (an embed) stands alone in its paragraph: it replaces the paragraph.
        html = _LONE_SLOT_RE.sub(lambda m: m.group(1), html)
        return fill_slots(html, lambda number: wrap(self.slots[number]))
