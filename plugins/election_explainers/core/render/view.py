"""What templates use while rendering one page: links relative to it, names as of its date, components.

A view also collects what the page needs besides its HTML: its headings (the
table of contents) and the keys of everything it read (:mod:`.tracking`).
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from markdown.extensions.toc import slugify as toc_slug
from markupsafe import Markup, escape

from ..data.as_of import AS_OF_KEY
from ..data.dataset import Page
from ..data.dates import PartialDate
from ..data.models import Election, Entity, Record, Story
from ..data.wikilinks import WikiLink
from ..index.results import KIND_LABELS
from ..index.timeline import Item
from ..index.tracking import TrackedDataset
from .formatting import compact_html
from .fragments import Reads
from .markdown_html import fill_slots
from .structured import structured_data
from .urls import page_url, relative_url
from .view_base import SiteRenderer
from .view_dates import DateText
from .view_lookups import TrackedLookups

TEMPLATE_FOLDER = "elections"


@dataclass(frozen=True)
class Heading:
    """A heading of a generated page: an entry of its table of contents."""

    level: int
    id: str
    text: str  # plain text


def text_in(value: object, lang: str) -> str:
    """Free text (a string, or a text given per language) in ``lang``, falling back to the default."""
    if value is None:
        return ""
    in_language = getattr(value, "in_language", None)
    return in_language(lang)[0] if in_language else str(value)


class View(DateText, TrackedLookups):
    """What templates use while rendering one page: links relative to it, components.

    Its dates are :class:`.view_dates.DateText`'s and its look-ups in the data
    :class:`.view_lookups.TrackedLookups`'; templates call them on the view all the same."""

    def __init__(
        self,
        renderer: SiteRenderer,
        url: str,
        record: Record | None,
        date: PartialDate | None = None,
        embedded: bool = False,
        parent: View | None = None,
    ) -> None:
        self.renderer = renderer
        self.embedded = embedded
        self.url = url
        self.record = record
        # An embedded view shares its page's reads, headings and chart ids (they stay unique).
        self.reads = parent.reads if parent else Reads()
        # The date the page is true on: names, capitals, leaders and "current" are given as of it.
        # An election's or story's own date; else the one given (a dated docs page's); else the as-of date.
        own = record.date_of_record if isinstance(record, (Election, Story)) else None
        self.date = own or date
        self.on_as_of = self.date is None
        if self.on_as_of:
            self.date = renderer.as_of
            self.reads.add(AS_OF_KEY)
        self.headings: list[Heading] = parent.headings if parent else []
        self._ids: Iterator[int] = parent._ids if parent else itertools.count(1)
        self.dataset = TrackedDataset(renderer.dataset, self.reads)
        if record is not None:
            self.reads.add(f"rec:{record.id}")
        self._context: dict[str, Any] | None = None

    def context(self) -> dict[str, Any]:
        """What every template of this page sees besides ``v``: the data, the options and every room."""
        if self._context is None:
            self._context = {"dataset": self.dataset, "options": self.renderer.options, **self.renderer.rooms(self)}
        return self._context

    def on(self, date: PartialDate | None) -> View:
        """This page's view with names given as of ``date`` (a timeline entry's own), sharing what it
        notes: an entry from 2020 names a party as it was called in 2020."""
        if date is None or date == self.date:
            return self
        view = View(self.renderer, self.url, self.record, date=date, embedded=self.embedded, parent=self)
        view.date = date  # an election's or story's page passes its own date otherwise
        return view

    def unique_id(self, stem: str) -> str:
        return f"ee-{stem}-{next(self._ids)}"

    def heading(self, text: object, id: str | None = None, level: int = 2) -> Markup:
        """``<hN id>`` with a permalink (as Python-Markdown's toc makes them), noted for the table of contents."""
        label = str(text)
        taken = {h.id for h in self.headings}
        base = id or toc_slug(label, "-") or "section"  # the id Markdown would give it
        anchor, n = base, 0
        while anchor in taken:
            n += 1
            anchor = f"{base}_{n}"
        self.headings.append(Heading(level, anchor, label))
        options = self.renderer.options
        permalink = Markup("")
        if options.permalink:
            permalink = Markup(
                f'<a class="headerlink" href="#{escape(anchor)}" title="{escape(options.permalink_title)}">'
                f"{escape(options.permalink)}</a>"
            )
        return Markup(f'<h{level} id="{escape(anchor)}">{escape(label)}{permalink}</h{level}>')

    # -- links ----------------------------------------------------------------

    def href(self, target: str | Record | Page, anchor: str | None = None) -> str | None:
        url = self.renderer.url_of(target)
        if url is None:  # a story published elsewhere links out
            record = self.dataset.get(target) if isinstance(target, str) else target
            return record.url if isinstance(record, Story) else None
        return relative_url(url + (f"#{anchor}" if anchor else ""), self.url)

    def name(self, entity_id: str, date: PartialDate | dt.date | None = None) -> str:
        return self.name_and_language(entity_id, date)[0]

    def name_and_language(self, entity_id: str, date: PartialDate | dt.date | None = None) -> tuple[str, str | None]:
        """The entity's name in the page's language as of ``date``, and its language where it differs
        from the page's (an untranslated name, marked with its own ``lang``)."""
        record = self.dataset.get(entity_id)
        if record is None:
            return entity_id, None
        options = self.renderer.options
        if not options.prefix or not isinstance(record, Entity):
            return record.name_on(date or self.date), None
        name, lang = record.name_in(options.language, date or self.date, options.default_language)
        return name, (lang if lang != options.language else None)

    def lang_attr(self, lang: str | None) -> Markup:
        """`` lang="en"`` for text in another language than the page's (screen readers switch voice)."""
        return Markup(f' lang="{escape(lang)}"') if lang and lang != self.language else Markup("")

    def text(self, value: str | None) -> str:
        """Plain free text (a story's title) in the page's language, falling back to the default."""
        return text_in(value, self.language)

    def link(
        self, entity_id: str | None, text: str | None = None, date: PartialDate | None = None, anchor: str | None = None
    ) -> Markup:
        """``<a href>`` to an entity's page with its name as of ``date`` (or the page's date)."""
        if not entity_id:
            return Markup("")
        label, lang = (text, None) if text is not None else self.name_and_language(entity_id, date)
        href = self.href(entity_id, anchor)
        if href is None:
            return Markup(f'<span lang="{escape(lang)}">{escape(label)}</span>') if lang else escape(label)
        # f-strings with escape(): Markup.format goes through string.Formatter, and links are the hottest path.
        if lang:
            return Markup(f'<a href="{escape(href)}" lang="{escape(lang)}">{escape(label)}</a>')
        return Markup(f'<a href="{escape(href)}">{escape(label)}</a>')

    # -- Markdown -----------------------------------------------------------------

    def wiki_link(self, link: WikiLink) -> Markup:
        """A ``[[…]]`` as a link (an embed outside a page links to the entity)."""
        return self.link(link.target, link.text, anchor=None if link.embed else link.section)

    def html(self, text: str | None) -> Markup:
        """Editors' Markdown rendered to (sanitized) HTML, in the page's language; an untranslated text
        falls back to the default language in a ``<div lang>``."""
        html, lang = self._converted(text)
        return Markup(f'<div lang="{escape(lang)}">{html}</div>') if lang else html

    def _converted(self, text: str | None) -> tuple[Markup, str | None]:
        """The text's HTML in the page's language, and its language where it differs."""
        if not text:
            return Markup(""), None
        lang = None
        in_language = getattr(text, "in_language", None)
        if in_language is not None and self.renderer.options.prefix:
            text, used = in_language(self.language)
            lang = used if used != self.language else None
        return self._markdown(text), lang

    def _markdown(self, text: str) -> Markup:
        html, links = self.renderer.markdown.convert(text)
        if not links:
            return Markup(html)
        # The same text shows on many pages: converted once, its links made relative to each.
        return Markup(fill_slots(html, lambda number: str(self.wiki_link(links[number]))))

    def inline_html(self, text: str | None) -> Markup:
        converted, lang = self._converted(text)
        html = str(converted)
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        return Markup(f'<span lang="{escape(lang)}">{html}</span>') if lang else Markup(html)

    # -- components -----------------------------------------------------------------

    def component(self, name: str, **values: Any) -> Markup:
        template = self.renderer.env.get_template(f"{TEMPLATE_FOLDER}/components/{name}.html")
        return compact_html(template.render(v=self, **self.context(), **values))

    def facts(self, record: Record) -> Markup:
        return self.component("facts", record=record)

    def piece(self, make: Callable[[Any], Markup], entry: Item | Story | Page) -> Markup:
        """One entry of a list, made by ``make`` (a template's macro); under ``serve`` kept from the
        last build while nothing it read changed (:mod:`.fragments`)."""
        own = None if isinstance(entry, Item) else entry_read(entry)

        def made() -> Markup:
            if own:
                self.reads.add(own)  # a story's line shows its own fields
            return make(entry)

        pieces = self.renderer.fragments
        if pieces is None:
            return made()
        key = (self.url, self.record.id if self.record else None, self.date, self.embedded, own or entry)
        return pieces.get(key, self.reads, made)

    # -- look-ups templates need ---------------------------------------------------------

    def row_label(self, row: Any, date: PartialDate | None) -> str:
        """A result row's name as of ``date`` (its election's)."""
        if row.person:
            return self.name(row.person, date)
        if row.party:
            return self.name(row.party, date)
        if row.alliance:
            return str(row.alliance.name)
        return str(row.option)

    def renamed_to(self, entity_id: str | None, date: PartialDate | None) -> str | None:
        """The entity's name as of the site's date where it differs from its name on ``date``: a result
        is named as of its election everywhere, with the later name beside it ("Nur Otan (now Amanat)")."""
        now = self.renderer.as_of
        if not entity_id or date is None or now is None or now.last_day() <= date.last_day():
            return None
        self.reads.add(AS_OF_KEY)
        later = self.name(entity_id, now)
        return later if later != self.name(entity_id, date) else None

    def result_label(self, row: Any, date: PartialDate | None) -> str:
        """:meth:`row_label` with the later name in brackets where it changed (charts, cards)."""
        label = self.row_label(row, date)
        later = self.renamed_to(row.person or row.party, date)
        return f"{label} {self.renderer.words.gettext('(now %(name)s)', name=later)}" if later else label

    def now_note(self, entity_id: str | None, date: PartialDate | None) -> Markup:
        """ " (now Amanat)" after a link named as of ``date``, where the name changed since."""
        later = self.renamed_to(entity_id, date)
        if not later:
            return Markup("")
        note = self.renderer.words.gettext("(now %(name)s)", name=later)
        return Markup(' <span class="ee-muted">{}</span>').format(note)

    def title(self) -> str:
        """The page's title: the record's name on the page's date."""
        record = self.record
        if record is None:
            return ""
        if isinstance(record, Entity):
            return self.name_and_language(record.id)[0]
        return self.text(record.name)

    def href_path(self, src: str, page: bool = True) -> str:
        """A link to a page (by source path) or, with ``page=False``, to a file of the site."""
        options = self.renderer.options
        target = page_url(options.prefix + src, options.use_directory_urls) if page else src
        return relative_url(target, self.url)

    def description(self) -> str:
        record = self.record
        if record is None:
            return ""
        if record.summary:
            plain = plain_text(str(self.html(record.summary)))
            return plain if len(plain) <= 200 else plain[:197].rsplit(" ", 1)[0] + "…"
        name = self.title()
        return {
            "country": f"{name}: parliament, elections, parties and leaders.",
            "party": f"{name}: names over time, leaders and election results.",
            "person": f"{name}: roles, parties and elections.",
            "election": f"{name}: results, seats and turnout.",
            "story": name,
        }[record.kind]

    def json_ld(self) -> Markup:
        """schema.org data for search engines; ``<`` escaped so no string can close the script."""
        data = structured_data(self)
        if data is None:
            return Markup("")
        if len(self.renderer.options.languages) > 1:
            data["inLanguage"] = self.language  # one site, several languages: say which this page is in
        text = (
            json.dumps(data, ensure_ascii=False, indent=None)
            .replace("<", "\\u003c")
            .replace(">", "\\u003e")
            .replace("&", "\\u0026")
        )
        return Markup('<script type="application/ld+json">{}</script>').format(Markup(text))

    def edit_url(self) -> str | None:
        return self.renderer.options.edit_url(self.record.file) if self.record else None

    def last_updated(self) -> str | None:
        return self.renderer.options.last_updated(self.record.file) if self.record else None

    def kind_label(self, kind: str) -> str:
        label = KIND_LABELS.get(kind, kind)
        return self.renderer.words.pgettext("result kind", label) if self.renderer.options.prefix else label


def entry_read(entry: Story | Page) -> str:
    """The key (see tracking.py) of a story's or dated page's own fields."""
    return f"rec:{entry.id}" if isinstance(entry, Story) else f"page:{entry.src}"


def entry_sort_key(entry: Story | Page) -> tuple[Any, ...]:
    date = entry.date
    key = entry.id if isinstance(entry, Story) else entry.src
    return (date.sort_key if date else (0, 0, 0), key)


def plain_text(markup: str) -> str:
    """The text of rendered HTML (escaped again wherever it is used)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())
