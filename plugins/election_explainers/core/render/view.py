"""What templates use while rendering one page: links relative to it, names as of its date, components.

A view also collects what the page needs besides its HTML: its headings (the
table of contents) and the keys of everything it read (:mod:`.tracking`).
"""

from __future__ import annotations

import html
import itertools
import json
import re
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from markdown.extensions.toc import slugify as toc_slug
from markupsafe import Markup, escape

from ..data.as_of import AS_OF_KEY, holds_on
from ..data.dataset import Dataset, Page
from ..data.dates import PartialDate, in_period
from ..data.models import Country, Election, Party, Person, Record, Role, Story
from ..data.wikilinks import WikiLink
from ..index.results import KIND_LABELS, choice_key, compare, primary_set, set_label
from ..index.timeline import Item
from ..index.tracking import EVERYTHING, TrackedDataset, related_keys
from . import charts
from .exports import TIMELINE_EXPORTS
from .formatting import compact_html, format_percent
from .fragments import Reads
from .markdown_html import fill_slots
from .share import share_links
from .structured import structured_data
from .urls import page_url, relative_url

if TYPE_CHECKING:
    import jinja2

    from ..index.results import Standing
    from .fragments import Fragments
    from .markdown_html import MarkdownConverter
    from .options import RenderOptions

TEMPLATE_FOLDER = "elections"

ITEM_KINDS = {
    "election": "Election",
    "event": "Event",
    "founding": "Party founded",
    "dissolution": "Party dissolved",
    "rename": "Renamed",
    "leader": "Leadership",
    "role": "Office",
    "birth": "Born",
    "story": "Story",
    "page": "Explainer",
}


@dataclass(frozen=True)
class Heading:
    """A heading of a generated page: an entry of its table of contents."""

    level: int
    id: str
    text: str  # plain text


class SiteRenderer(Protocol):
    """What a view asks of the renderer that made it (:class:`.render.Renderer` is the one there is).

    Described here rather than imported, so that the renderer depends on views
    and not the other way round.
    """

    dataset: Dataset
    options: RenderOptions
    env: jinja2.Environment
    markdown: MarkdownConverter
    fragments: Fragments[Any] | None
    timeline: list[Item]
    timeline_by_id: dict[str, list[Item]]
    standings: dict[tuple[str, str], list[Standing]]

    @property
    def as_of(self) -> PartialDate | None: ...

    @property
    def by_country(self) -> dict[str, dict[str, list[Record]]]: ...

    @property
    def entries(self) -> list[Story | Page]: ...

    @property
    def sections(self) -> dict[str, list[Story | Page]]: ...

    def url_of(self, target: str | Record | Page) -> str | None: ...

    def section_url(self, section: str) -> str: ...

    def related(self, story: Story) -> list[Story | Page]: ...


class View:
    """What templates use while rendering one page: links relative to it, components."""

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
        self.reads: Reads = parent.reads if parent else Reads()
        # The date the page is true on: names, capitals, leaders and "current" are given as of it.
        # An election's or story's own date; else the one given (a dated docs page's); else the as-of date.
        own = record.date_of_record if isinstance(record, (Election, Story)) else None
        self.date: PartialDate | None = own or date
        self.on_as_of = self.date is None
        if self.on_as_of:
            self.date = renderer.as_of
            self.reads.add(AS_OF_KEY)
        self.headings: list[Heading] = parent.headings if parent else []
        self._ids: Iterator[int] = parent._ids if parent else itertools.count(1)
        self.dataset = TrackedDataset(renderer.dataset, self.reads)
        if record is not None:
            self.reads.add(f"rec:{record.id}")

    def context(self) -> dict[str, Any]:
        return {"dataset": self.dataset, "options": self.renderer.options}

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

    def name(self, entity_id: str, date: PartialDate | None = None) -> str:
        record = self.dataset.get(entity_id)
        return record.name_on(date or self.date) if record else entity_id

    def link(
        self, entity_id: str | None, text: str | None = None, date: PartialDate | None = None, anchor: str | None = None
    ) -> Markup:
        """``<a href>`` to an entity's page with its name as of ``date`` (or the page's date)."""
        if not entity_id:
            return Markup("")
        label = text if text is not None else self.name(entity_id, date)
        href = self.href(entity_id, anchor)
        if href is None:
            return escape(label)
        # f-strings with escape(): Markup.format goes through string.Formatter, and links are the hottest path.
        return Markup(f'<a href="{escape(href)}">{escape(label)}</a>')

    def date_tag(self, date: PartialDate | None, end: PartialDate | None = None) -> Markup:
        if date is None:
            return Markup("")
        tag = Markup(f'<time datetime="{date.iso()}">{date.human()}</time>')  # digits and month names
        if end is not None and end != date:
            tag += Markup(f' – <time datetime="{end.iso()}">{end.human()}</time>')
        return tag

    def row_colour(self, row: Any) -> str:
        """A row's colour: its party's, or a neutral one that stays the same for the same choice."""
        colour = self.colour(row.party)
        if colour:
            return colour
        key = choice_key(row)
        return charts.NEUTRAL_PALETTE[zlib.crc32(key.encode()) % len(charts.NEUTRAL_PALETTE)]

    def colour(self, entity_id: str | None) -> str | None:
        record = self.dataset.get(entity_id) if entity_id else None
        return record.colour if isinstance(record, Party) else None

    # -- Markdown -----------------------------------------------------------------

    def wiki_link(self, link: WikiLink) -> Markup:
        """A ``[[…]]`` as a link (an embed outside a page links to the entity)."""
        return self.link(link.target, link.text, anchor=None if link.embed else link.section)

    def html(self, text: str | None) -> Markup:
        """Editors' Markdown rendered to (sanitized) HTML."""
        if not text:
            return Markup("")
        html, links = self.renderer.markdown.convert(text)
        if not links:
            return Markup(html)
        # The same text shows on many pages: converted once, its links made relative to each.
        return Markup(fill_slots(html, lambda number: str(self.wiki_link(links[number]))))

    def inline_html(self, text: str | None) -> Markup:
        html = str(self.html(text))
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        return Markup(html)

    # -- components -----------------------------------------------------------------

    def component(self, name: str, **values: Any) -> Markup:
        template = self.renderer.env.get_template(f"{TEMPLATE_FOLDER}/components/{name}.html")
        return compact_html(template.render(v=self, **self.context(), **values))

    def embed(self, entity_id: str, component: str) -> Markup:
        record = self.dataset.get(entity_id)
        if record is None:
            return Markup("")
        # Embedded in a page, an entity is shown as of that page's date (an election keeps its own).
        inner = View(self.renderer, self.url, record, date=self.date, embedded=True, parent=self)
        if component == "facts":
            return inner.facts(record)
        if component == "results" and isinstance(record, Election):
            return inner.results(record)
        if component == "seats":
            election = record if isinstance(record, Election) else inner.latest_election(record)
            return inner.seat_chart(election) if election else Markup("")
        if component == "votes" and isinstance(record, Election):
            return inner.vote_chart(record)
        if component == "history" and isinstance(record, Party):
            return inner.history(record)
        if component == "timeline":
            return inner.timeline(inner.own_timeline())
        if component == "stories":
            return inner.stories(self.stories_about(record.id))
        return Markup("")

    def facts(self, record: Record) -> Markup:
        return self.component("facts", record=record)

    def results(self, election: Election) -> Markup:
        return self.component("results", election=election, comparison=compare(self.dataset, election))

    def seat_chart(self, election: Election | None) -> Markup:
        if election is None:
            return Markup("")
        result_set = primary_set(election)
        if result_set is None or not any(r.seats for r in result_set.rows):
            return Markup("")
        parts = [
            charts.ChartPart(self.row_label(row, election.date), self.row_colour(row), seats=row.seats or 0)
            for row in result_set.rows
            if row.seats
        ]
        won = sum(p.seats for p in parts)
        total = max(election.seats or won, won)
        name = election.name
        description = ", ".join(f"{p.label}: {p.seats}" for p in parts) + f" of {total} seats."
        svg = charts.hemicycle_svg(
            parts, total, chart_id=self.unique_id("seats"), title=f"Seats won: {name}", description=description
        )
        return self.component(
            "chart", svg=svg, parts=parts, kind="seats", election=election, caption=set_label(result_set)
        )

    def vote_chart(self, election: Election) -> Markup:
        result_set = primary_set(election)
        if result_set is None or not any(r.percent is not None for r in result_set.rows):
            return Markup("")
        parts = [
            charts.ChartPart(self.row_label(row, election.date), self.row_colour(row), percent=row.percent)
            for row in result_set.rows
            if row.percent is not None
        ]
        description = ", ".join(f"{p.label}: {format_percent(p.percent)}" for p in parts) + "."
        if election.threshold is not None:
            description += f" Threshold for seats: {format_percent(election.threshold)}."
        svg = charts.vote_bars_svg(
            parts,
            chart_id=self.unique_id("votes"),
            title=f"Share of the vote: {election.name}",
            description=description,
            threshold=election.threshold,
        )
        return self.component(
            "chart", svg=svg, parts=parts, kind="votes", election=election, caption=set_label(result_set)
        )

    def share(self, election: Election) -> dict[str, Any]:
        """Downloads and embed snippets for an election page (see share.py)."""
        return share_links(self.renderer.options, election, self.url)

    def history(self, party: Party) -> Markup:
        rows = self.standings("party", party.id)
        if not rows:
            return Markup("")
        points = [(str(s.election.date.year), s.row.percent) for s in rows]
        svg = charts.history_svg(
            points,
            colour=party.colour,
            chart_id=self.unique_id("history"),
            title=f"{party.name}: share of the vote by election",
            description="; ".join(f"{label}: {format_percent(value)}" for label, value in points),
        )
        return self.component("history", party=party, standings=rows, svg=svg)

    def timeline(self, items: Iterable[Item], grouped: bool = False) -> Markup:
        return self.component("timeline", items=list(items), grouped=grouped)

    def searched_here(self, entry: Story | Page) -> bool:
        """Whether search should find the story's line on this page: a story is found once, on
        its own page, or (published elsewhere) in the related stories of its main subject, the
        first of :meth:`about_in_order`."""
        main_subject = self.about_in_order(entry.about)[:1] if self.external(entry) else []
        return self.record is not None and main_subject == [self.record.id]

    def stories(self, entries: Sequence[Story | Page]) -> Markup:
        self.note_entries(entries)
        return self.component("stories", entries=list(entries))

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

    def about_in_order(self, about: Sequence[str]) -> list[str]:
        """An entry's subjects, the most specific first: elections, then parties, people, countries
        (the editor's order within each kind).  A story shows the first few above its text."""
        rank = {"election": 0, "party": 1, "person": 2, "country": 3}

        def key(entity_id: str) -> int:
            kind = self.renderer.dataset.known.get(entity_id)
            return rank.get(kind.kind if kind else "", 4)

        return sorted(dict.fromkeys(about), key=key)

    def without_listed(self, items: list[Item], entries: Iterable[Story | Page]) -> list[Item]:
        """Timeline items without the stories and pages a list on the same page already shows:
        an entity page lists every story about it under "Related stories", and only there."""
        listed = {entry_read(e) for e in entries}
        return [
            item
            for item in items
            if not (
                (item.kind == "story" and f"rec:{item.subject}" in listed)
                or (item.kind == "page" and f"page:{item.page}" in listed)
            )
        ]

    def note_entries(self, entries: Iterable[Story | Page]) -> None:
        """A list shows each entry's own fields: depend on them."""
        self.reads.update(entry_read(e) for e in entries)

    # -- look-ups templates need ---------------------------------------------------------

    def row_label(self, row: Any, date: PartialDate | None) -> str:
        if row.person:
            return self.name(row.person, date)
        if row.party:
            return self.name(row.party, date)
        return str(row.option)

    def stories_about(self, entity_id: str) -> list[Story | Page]:
        """Stories and dated pages about an entity, newest first."""
        entries: list[Story | Page] = [*self.dataset.stories_about(entity_id), *self.dataset.pages_about(entity_id)]
        return sorted(entries, key=entry_sort_key, reverse=True)

    def own_timeline(self) -> list[Item]:
        if self.record is None:
            return []
        self.reads.add(f"about:{self.record.id}")
        return self.note_items(self.renderer.timeline_by_id.get(self.record.id, []))

    def whole_timeline(self) -> list[Item]:
        self.reads.add(EVERYTHING)
        return self.renderer.timeline

    def note_items(self, items: list[Item]) -> list[Item]:
        """Timeline titles name the entities an item is about: depend on each."""
        for item in items:
            self.reads.update(f"rec:{entity_id}" for entity_id in item.about)
            if item.page:
                self.reads.add(f"page:{item.page}")
        return items

    def standings(self, kind: str, entity_id: str) -> list[Any]:
        """A party's or candidate's result in each election, oldest first."""
        self.reads.add(f"about:{entity_id}")
        found = self.renderer.standings.get((kind, entity_id), [])
        self.reads.update(f"rec:{s.election.id}" for s in found)
        return found

    def led_by(self, person_id: str) -> list[tuple[Party, Any]]:
        """The parties a person led, with the term."""
        self.reads.add(f"about:{person_id}")
        found = self.renderer.dataset.leaderships.get(person_id, [])
        self.reads.update(f"rec:{party.id}" for party, _ in found)
        return found

    def latest_election(self, record: Record, chamber: str | None = None) -> Election | None:
        """A country's latest held election with seat results (for a chamber, if given)."""
        for election in reversed(self.in_country("election", record.id)):
            if election.status != "held" or (self.date and election.date.first_day() > self.date.last_day()):
                continue
            if chamber is not None and election.chamber != chamber:
                continue
            result_set = primary_set(election)
            if result_set and any(r.seats for r in result_set.rows):
                return election
        return None

    def leaders_on(self, party_id: str, date: PartialDate) -> list[str]:
        """Who led the party on ``date`` (leaders with no dates at all are left out: we can't tell)."""
        party = self.dataset.get(party_id)
        if not isinstance(party, Party):
            return []
        day = date.last_day()
        return [
            leader.person
            for leader in party.leaders
            if (leader.start_date or leader.end_date) and in_period(day, leader.start_date, leader.end_date)
        ]

    def current_leaders(self, party: Party) -> list[Any]:
        """Who led the party on the page's date (a leader with no start date: we can't tell)."""
        return [leader for leader in party.leaders if holds_on(self.date, leader.start_date, leader.end_date)]

    def is_current(self, term: Any) -> bool:
        """Whether a leadership or role (anything with start and end dates) runs on the page's date."""
        return holds_on(self.date, term.start_date, term.end_date)

    def term(self, start: PartialDate | None, end: PartialDate | None) -> Markup:
        """A period as a reader says it on the page's date: "1999 to 2022" (dates), "since 2019" (begun by
        the page's date and not ended by it), "from 2030" (not begun), "until 2019", or a dash when
        nothing is known.  A page as of 2021 does not yet know that a term ended in 2022."""
        if start and end and self.date and holds_on(self.date, start, end) and end.first_day() > self.date.last_day():
            end = None
        if start and end:
            return self.date_tag(start, end) if start != end else self.date_tag(start)
        if start:
            begun = self.date is None or start.first_day() <= self.date.last_day()
            return Markup("since " if begun else "from ") + self.date_tag(start)
        if end:
            return Markup("until ") + self.date_tag(end)
        return Markup("–")

    def as_of_tag(self) -> Markup:
        """ "As of <date>": the date the page is true on."""
        return Markup("As of ") + self.date_tag(self.date) if self.date else Markup("")

    def capital(self, country: Country) -> str | None:
        return country.capital_on(self.date)

    def title(self) -> str:
        """The page's title: the record's name on the page's date."""
        record = self.record
        if record is None:
            return ""
        return record.name_on(self.date) if isinstance(record, (Country, Party, Person)) else record.name

    def leaders_of(self, party: Party) -> list[Any]:
        """Leaders, the latest first; undated ones last, as listed."""
        dated = sorted((x for x in party.leaders if x.start_date), key=lambda x: x.start_date.sort_key, reverse=True)  # type: ignore[union-attr]
        return dated + [x for x in party.leaders if not x.start_date]

    def current_roles(self, person: Person) -> list[Any]:
        return [role for role in person.roles if self.is_current(role)]

    def roles_of(self, person: Person) -> list[Any]:
        """Roles, newest first, with party leaderships the person's own file leaves out."""
        roles: list[Any] = list(person.roles)
        for party, leader in self.led_by(person.id):
            if any(r.party == party.id and r.start_date == leader.start_date for r in person.roles):
                continue
            roles.append(
                Role(
                    title=leader.role or "Leader",
                    party=party.id,
                    start_date=leader.start_date,
                    end_date=leader.end_date,
                )
            )
        return sorted(roles, key=lambda r: r.start_date.sort_key if r.start_date else (0, 0, 0), reverse=True)

    def elections_of(self, person: Person) -> list[dict[str, Any]]:
        """Elections the person stood in, or led a party in, newest first."""
        entries = [
            {"election": s.election, "row": s.row, "role": "Candidate", "party": s.row.party}
            for s in self.standings("person", person.id)
        ]
        for party, _ in self.led_by(person.id):
            entries += [
                {"election": s.election, "row": s.row, "role": "Party leader", "party": party.id}
                for s in self.standings("party", party.id)
                if not s.row.person and person.id in self.leaders_on(party.id, s.election.date)
            ]
        return sorted(entries, key=lambda e: (e["election"].date, e["election"].id), reverse=True)

    def candidates_and_leaders(self, election: Election) -> list[dict[str, Any]]:
        result_set = primary_set(election)
        entries: list[dict[str, Any]] = []
        for row in result_set.rows if result_set else []:
            if row.person:
                entries.append({"person": row.person, "party": row.party, "role": "candidate"})
            elif row.party:
                for person in self.leaders_on(row.party, election.date):
                    entries.append({"person": person, "party": row.party, "role": "party leader"})
        return entries

    def names_over_time(self, record: Record) -> list[dict[str, Any]]:
        """Every name the entity went by, in order, with the one in use on the page's date marked
        (the one the title and links use)."""
        renames = [o for o in record.other_names if o.is_rename]
        names = [
            {"name": o.name, "start": o.start_date, "end": o.end_date, "note": o.note, "lang": o.lang, "current": False}
            for o in renames
        ]
        # The main name covers what the renames leave: from the last former name's end
        # (or the founding) until the first later name's start.
        ended = [o.end_date for o in renames if o.end_date and not o.start_date]
        later = [o.start_date for o in renames if o.start_date]
        names.append(
            {
                "name": record.name,
                "start": max(ended, default=None) or getattr(record, "founded", None),
                "end": min(later, default=None),
                "note": None,
                "lang": None,
                "current": False,
            }
        )
        in_use = record.name_on(self.date) if self.date else None
        for entry in names:
            entry["current"] = (
                self.date is not None
                and entry["name"] == in_use
                and in_period(self.date.last_day(), entry["start"], entry["end"])
            )
        return sorted(names, key=lambda n: n["start"].sort_key if n["start"] else (0, 0, 0))

    def in_country(self, kind: str, country_id: str) -> list[Any]:
        """A country's elections (oldest first), parties or people: it depends on those, not on every one."""
        self.reads.add(f"about:{country_id}")  # a record that joins or leaves the country names it
        found = self.renderer.by_country[kind].get(country_id, [])
        self.reads.update(f"rec:{record.id}" for record in found)
        return found

    def elections_in(self, country: Country) -> list[Election]:
        return list(reversed(self.in_country("election", country.id)))

    def parties_in(self, country: Country) -> list[Party]:
        return self.by_name(self.in_country("party", country.id))

    def by_name(self, records: Iterable[Any]) -> list[Any]:
        """Records by country, then by their name on the page's date (a renamed party sorts by its new name)."""
        return sorted(records, key=lambda r: (getattr(r, "country", None) or "", r.name_on(self.date).casefold()))

    def people_in(self, country: Country) -> list[Person]:
        return self.in_country("person", country.id)

    def winner(self, election: Election) -> Any:
        result_set = primary_set(election)
        if result_set is None or not result_set.rows or election.status != "held":
            return None
        return max(result_set.rows, key=lambda r: (r.seats or 0, r.percent or 0, r.votes or 0))

    def latest_standing(self, party: Party) -> Any:
        found = self.standings("party", party.id)
        return found[-1] if found else None

    def all_entries(self) -> list[Story | Page]:
        """Every story and dated page, newest first."""
        self.dataset.note("kind:story", "kind:page")
        return self.renderer.entries

    def related_entries(self) -> list[Story | Page]:
        if self.record is None:
            return []
        if isinstance(self.record, Story):
            self.note_related(self.record.about, self.record.tags)
            return self.renderer.related(self.record)
        return self.stories_about(self.record.id)

    def note_related(self, about: Iterable[str], tags: Iterable[str]) -> None:
        """Related stories depend on every story sharing an id or tag with the one they are for."""
        self.reads.update(related_keys(about, tags))

    def by_country(self, records: Iterable[Any]) -> list[tuple[str | None, list[Any]]]:
        """Records grouped by country, in the order given; those with none last."""
        groups: dict[str | None, list[Any]] = {}
        for record in records:
            groups.setdefault(record.country, []).append(record)
        return sorted(groups.items(), key=lambda group: group[0] is None)

    def item_kind(self, item: Item) -> str:
        return self.item_kind_name(item.kind)

    def item_link(self, item: Item) -> Markup:
        if item.kind in ("story", "election") and item.subject:
            return self.link(item.subject, text=item.title)
        if item.page:
            return Markup('<a href="{}">{}</a>').format(
                relative_url(page_url(item.page, self.renderer.options.use_directory_urls), self.url), item.title
            )
        if item.subject and item.subject != (self.record.id if self.record else None):
            return Markup('{} <span class="ee-muted">({})</span>').format(item.title, self.link(item.subject))
        return escape(item.title)

    def export_links(self, entity_id: str) -> dict[str, str]:
        """Links to this timeline as JSON and TimelineJS JSON, relative to the page."""
        return {
            kind: relative_url(pattern.format(id=entity_id), self.url) for kind, pattern in TIMELINE_EXPORTS.items()
        }

    def href_path(self, src: str, page: bool = True) -> str:
        """A link to a page (by source path) or, with ``page=False``, to a file of the site."""
        target = page_url(src, self.renderer.options.use_directory_urls) if page else src
        return relative_url(target, self.url)

    def item_kind_name(self, kind: str) -> str:
        return ITEM_KINDS.get(kind, kind)

    def section_href(self, section: str) -> str:
        return relative_url(self.renderer.section_url(section), self.url)

    def sections(self) -> dict[str, list[Story | Page]]:
        self.dataset.note("kind:story", "kind:page")
        return self.renderer.sections

    def subjects(self) -> list[tuple[str, list[tuple[Record, int]]]]:
        """Entities that stories are about, by kind, with how many stories each."""
        groups = (
            ("Countries", self.dataset.countries),
            ("Elections", list(reversed(self.dataset.elections))),
            ("Parties", self.dataset.parties),
            ("People", self.dataset.people),
        )
        found = []
        for label, records in groups:
            counted = [(r, len(self.stories_about(r.id))) for r in records]
            counted = [(r, n) for r, n in counted if n]
            if counted:
                found.append((label, counted))
        return found

    def external(self, entry: Story | Page) -> bool:
        """A story published elsewhere: the link leaves the site."""
        return isinstance(entry, Story) and entry.body is None

    def human_date(self, iso: str) -> str:
        return PartialDate.parse(iso).human()

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
        return KIND_LABELS.get(kind, kind)

    def country_of(self, record: Record) -> Country | None:
        country = self.dataset.get(getattr(record, "country", None) or "")
        return country if isinstance(country, Country) else None

    def people_of(self, party: Party) -> list[Person]:
        self.reads.add(f"about:{party.id}")
        people = self.renderer.dataset.members.get(party.id, [])
        self.reads.update(f"rec:{person.id}" for person in people)
        return people


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
