"""Social cards: a 1200 by 630 picture per page for link previews.

A card says what the page is about at a glance: an election's hemicycle, top
results and date; a party's colour, its name and its last result; a country's
or story's title and what it is about. This module decides what each card shows
and where (:func:`card_shapes`); ``card_draw.py`` draws the shapes with the
shipped fonts, and ``card_cache.py`` keeps what it drew and draws the missing
cards over every core.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from ..data.models import Country, Election, Party, Record, Story
from ..index.counting import count_status
from ..index.results import primary_set
from ..render import charts
from ..render.urls import src_path
from ..render.view import View
from .card_cache import CardCache
from .card_draw import HEIGHT, WIDTH, Box, Dots, Line, Shape, draw_png, measure

if TYPE_CHECKING:
    from ..render.i18n import Translator
    from ..render.render import Renderer
    from .publish import DataFile

__all__ = ["HEIGHT", "SHARED_KINDS", "WIDTH", "Card", "CardCache", "card_alt", "card_files", "card_path", "card_shapes"]

SHARED_KINDS = ("election", "party", "country", "story")
"""The pages that get a card and social tags."""

INK, MUTED, ACCENT = "#1f2937", "#4b5563", "#3f51b5"
_INK_75 = "#575f69"  # ink at 75% on white paper
CARD_FOLDER = "cards"
"""Where cards are published: ``cards/<kind folder>/<id>.png``."""

_LEFT = 72
_FOOTER_Y = 588


def card_path(folder: str, record_id: str, prefix: str = "") -> str:
    """``cards/<kind folder>/<id>.png``, under the language's folder (``ru/cards/…``) for another language."""
    return f"{prefix}{CARD_FOLDER}/{folder}/{record_id}.png"


@dataclass(frozen=True)
class ResultLine:
    """One of an election's top results on its card."""

    label: str
    colour: str
    value: str  # "71.09%" or "76 seats"


@dataclass(frozen=True)
class Card:
    """What a card shows; :func:`card_shapes` lays it out."""

    kind_label: str  # "Election · Kazakhstan"
    title: str
    site_name: str
    accent: str = ACCENT
    lines: tuple[str, ...] = ()  # text under the title: a date, a description, a last result
    results: tuple[ResultLine, ...] = ()
    # The seats won, for a hemicycle on the right-hand side (laid out when drawn: a large site's
    # elections have hundreds of seats each, and every card waits in memory until it is written).
    seats: tuple[charts.ChartPart, ...] = ()
    seats_total: int = 0
    seats_word: str | None = None  # the word under its total, in the card's language ("seats")
    colour_block: bool = False  # a party's colour fills the right-hand third


# -- text layout -----------------------------------------------------------------------------

# DejaVu Sans is wide: about 0.6 em a character on average (bold a little more).
_EM_PER_CHAR = {False: 0.58, True: 0.64}


def _fits(size: float, width: float, bold: bool = False, text: str = "") -> int:
    """How many characters of ``text`` fit in ``width`` pixels at ``size``: DejaVu's average for
    Latin text, or the text's own measured average where its letters are wider (Cyrillic is)."""
    return max(4, int(width / (size * max(_EM_PER_CHAR[bold], _measured_em(text, bold)))))


@functools.lru_cache(maxsize=8192)
def _measured_em(text: str, bold: bool) -> float:
    if not text:
        return 0.0
    return measure(text, bold) / (100 * len(text))


def wrap(text: str, chars: int, max_lines: int) -> list[str]:
    """Words on lines of at most ``chars`` characters; what does not fit ends in an ellipsis."""
    words = " ".join(text.split()).split(" ")
    lines: list[str] = []
    current = ""
    for word in words:
        while len(word) > chars:  # a word longer than a line is cut
            if current:
                lines.append(current)
                current = ""
            lines.append(word[: chars - 1] + "-")
            word = word[chars - 1 :]
        candidate = f"{current} {word}".strip()
        if len(candidate) <= chars:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        lines = [*lines[: max_lines - 1], (last[: chars - 1].rstrip() + "…")]
    return lines or [""]


def truncate(text: str, chars: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


_HEX_RE = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")


def safe_colour(colour: str | None, fallback: str = ACCENT) -> str:
    """A colour for an attribute: the data's own only when it is a plain hex colour."""
    return colour.strip().lower() if colour and _HEX_RE.match(colour.strip()) else fallback


# -- drawing ---------------------------------------------------------------------------------


def card_shapes(card: Card) -> tuple[Shape, ...]:
    """Where everything on the card goes, in pixels of a 1200 by 630 picture."""
    accent = safe_colour(card.accent)
    out: list[Shape] = [Box(0, 0, 20, HEIGHT, accent)]
    text_right = 1140
    if card.colour_block:
        out.append(Box(840, 0, 360, HEIGHT, accent))
        text_right = 790
    if card.seats:
        text_right = 620
        seats = hemicycle(card.seats, card.seats_total)
        out += place_hemicycle(seats, x=650, y=96, width=500, height=300, word=card.seats_word)
    width = text_right - _LEFT
    y = 112.0
    out.append(Line(_LEFT, y, truncate(card.kind_label, _fits(28, width, text=card.kind_label)), 28, MUTED))
    size = 56 if len(card.title) < 40 else 48
    if size == 56 and wrap(card.title, _fits(size, width, True, card.title), 3)[-1].endswith("…"):
        size = 48  # a long word or a wide script: the smaller size, rather than a title cut short
    y += 26
    for line in wrap(card.title, _fits(size, width, True, card.title), 3):
        y += size * 1.18
        out.append(Line(_LEFT, y, line, size, INK, bold=True))
    y += 14
    body_size = 30
    room = 3 if card.results else 5
    for index, text in enumerate(card.lines):
        wrapped = wrap(text, _fits(body_size, width, text=text), room)[:room]
        room -= len(wrapped)
        y += 10 if index else 0  # a little air between one fact and the next
        for line in wrapped:
            y += body_size * 1.35
            out.append(Line(_LEFT, y, line, body_size, MUTED))
    y += 28
    row = 46
    for result in card.results:
        if y + row > _FOOTER_Y - 40:
            break
        y += row
        out.append(Box(_LEFT, y - 24, 28, 28, safe_colour(result.colour), radius=4))
        value_chars = len(result.value) + 1
        name_chars = _fits(28, width - 44, text=result.label + result.value) - value_chars
        out.append(Line(_LEFT + 44, y, truncate(result.label, max(name_chars, 6)), 28, INK))
        out.append(Line(text_right, y, result.value, 28, INK, bold=True, anchor="end"))
    out.append(Box(_LEFT, _FOOTER_Y - 44, text_right - _LEFT, 2, "#e5e7eb"))
    site_chars = _fits(26, width, True, card.site_name)
    out.append(Line(_LEFT, _FOOTER_Y, truncate(card.site_name, site_chars), 26, INK, bold=True))
    return tuple(out)


def place_hemicycle(
    seats: charts.Hemicycle, *, x: float, y: float, width: float, height: float, word: str | None = None
) -> list[Shape]:
    """The diagram scaled to fit the box and centred in it, as an SVG viewBox is; the total in ink."""
    scale = min(width / seats.width, height / seats.height)
    left = x + (width - seats.width * scale) / 2
    top = y + (height - seats.height * scale) / 2
    fills = [fill for _, fill, count, _ in seats.groups for _ in range(count)]
    dots = tuple(
        (round(left + cx * scale, 2), round(top + cy * scale, 2), fill)
        for (cx, cy), fill in zip(seats.seats, fills, strict=True)
    )
    total = sum(count for _, _, count, _ in seats.groups)
    word = word or ("seat" if total == 1 else "seats")
    centre = round(left + seats.centre_x * scale, 2)
    return [
        Dots(round(seats.seat_radius * scale, 2), dots),
        Line(
            centre,
            round(top + seats.total_y * scale, 2),
            str(total),
            round(seats.total_size * scale, 2),
            INK,
            True,
            "middle",
        ),
        # The page's chart shows "seats" at 75% opacity: here on white paper, that is this grey.
        Line(
            centre,
            round(top + seats.word_y * scale, 2),
            word,
            round(seats.word_size * scale, 2),
            _INK_75,
            anchor="middle",
        ),
    ]


def result_value(words: Translator, percent: float | None, seats: int | None, votes: int | None) -> str:
    if percent is not None:
        return words.percent(percent)
    if seats is not None:
        return words.ngettext("%(n)s seat", "%(n)s seats", seats)
    return words.ngettext("%(n)s vote", "%(n)s votes", votes) if votes is not None else ""


def hemicycle(parts: Sequence[charts.ChartPart], total: int) -> charts.Hemicycle:
    return charts.hemicycle_layout(parts, total)


def card_alt(words: Translator, record: Record, title: str) -> str:
    """The card's text alternative (what the picture shows) for the page titled ``title``."""
    if isinstance(record, Election):
        return words.gettext("%(title)s: the seats won and the top results, with the date", title=title)
    if isinstance(record, Party):
        return words.gettext("%(title)s in its colour, with its last election result", title=title)
    return words.gettext("%(title)s: the title and what the page is about", title=title)


# -- what each kind of page's card shows -----------------------------------------------------------


def card_of(renderer: Renderer, record: Record, site_name: str) -> tuple[Card | None, frozenset[str]]:
    """The card of an election, party, country or story page (``None`` for other pages), and what it read."""
    view = View(renderer, "", record)

    def make() -> Card | None:
        view.reads.add(f"rec:{record.id}")
        return _card(view, record, site_name)

    # Under serve every card's words are kept while nothing they read changed: working out all of
    # them again, only to find the one or two an edit changed, took a tenth of a rebuild.
    fragments = renderer.fragments
    card = make() if fragments is None else fragments.get(("card", site_name, record.id), view.reads, make)
    return card, frozenset(view.reads)


def _card(view: View, record: Record, site_name: str) -> Card | None:
    """The card in the view's language: its words from the catalogue, names and dates as its pages give them."""
    words = view.renderer.words
    country = view.country_of(record) if not isinstance(record, (Country, Story)) else None
    where = f" · {view.name(country.id)}" if country else ""
    if isinstance(record, Election):
        return _election_card(view, record, where, site_name)
    if isinstance(record, Party):
        lines = []
        standing = view.standings("party", record.id)
        if standing:
            last = standing[-1]
            value = ", ".join(
                x
                for x in (
                    words.percent(last.row.percent) if last.row.percent is not None else "",
                    result_value(words, None, last.row.seats, None) if last.row.seats is not None else "",
                )
                if x
            )
            election = view.name(last.election.id)
            lines.append(words.gettext("Last result: %(value)s in the %(election)s", value=value, election=election))
        if record.founded:
            lines.append(words.pgettext("card", "Founded %(date)s", date=view.human(record.founded)))
        if record.dissolved:
            lines.append(words.pgettext("card", "Dissolved %(date)s", date=view.human(record.dissolved)))
        # The name as of the page's date: the site's as-of date (see as_of.py), never the clock.
        name, main = view.name(record.id), _main_name(view, record)
        if name != main:
            lines.insert(0, words.pgettext("card", "Also known as %(name)s", name=main))
        return Card(
            words.pgettext("card", "Party") + where,
            name,
            site_name,
            accent=safe_colour(record.colour, charts.NEUTRAL_PALETTE[0]),
            lines=tuple(x for x in lines if x),
            colour_block=True,
        )
    if isinstance(record, Country):
        return Card(words.pgettext("card", "Country"), view.title(), site_name, lines=(view.description(),))
    if isinstance(record, Story):
        story_lines = (view.human(record.date), *([view.description()] if record.summary else []))
        return Card(words.pgettext("card", "Story"), view.title(), site_name, lines=story_lines)
    return None


def _main_name(view: View, record: Party) -> str:
    """The party's undated name in the view's language (its page's date may fall in a rename)."""
    options = view.renderer.options
    return record.name_in(options.language, None, options.default_language)[0]


def _election_card(view: View, election: Election, where: str, site_name: str) -> Card:
    words = view.renderer.words
    status = {"scheduled": "Scheduled: ", "annulled": "Annulled: "}.get(election.status)
    count = count_status(election)
    day = (words.pgettext("card", status) if status else "") + view.human(election.date)
    # Election night: the card says how far the count had got, as the page does.
    lines = [view.context()["counting"].sentence(count)] if count is not None else [day]
    result_set = primary_set(election)
    rows = list(result_set.rows) if result_set else []
    results = tuple(
        ResultLine(
            view.result_label(row, election.date),
            view.row_colour(row),
            result_value(words, row.percent, row.seats, row.votes),
        )
        for row in sorted(rows, key=lambda r: (r.seats or 0, r.percent or 0, r.votes or 0), reverse=True)[:4]
    )
    parts = tuple(
        charts.ChartPart(view.result_label(r, election.date), view.row_colour(r), seats=r.seats or 0)
        for r in rows
        if r.seats
    )
    won = sum(p.seats for p in parts)
    total = max(election.seats or won, won)
    seats_word = words.ngettext("seat", "seats", total) if parts else None
    return Card(
        words.pgettext("card", "Election") + where,
        view.title(),
        site_name,
        lines=tuple(lines),
        results=results,
        seats=parts,
        seats_total=total,
        seats_word=seats_word,
    )


def card_files(
    renderer: Renderer, site_name: str, cache: CardCache, fresh: Callable[[str], bool] = lambda path: False
) -> Iterator[DataFile]:
    """A card for each election, party, country and story page. The cards that are not ``fresh``
    (kept from the last build under ``serve``) and not in the cache start being drawn here, over
    every core; with the cache's ``background`` (the default), the build goes on meanwhile and a
    card's ``make()`` waits for the pictures."""
    from .publish import DataFile

    files = []
    drawn: list[tuple[str, tuple[Shape, ...]]] = []
    for record in renderer.dataset.records.values():
        if record.kind not in SHARED_KINDS or src_path(record) is None:
            continue
        card, reads = card_of(renderer, record, site_name)
        if card is not None:
            path = card_path(record.folder, record.id, renderer.options.prefix)
            key = None
            if not fresh(path):
                shapes = card_shapes(card)
                key = cache.key(shapes)
                drawn.append((key, shapes))
            files.append((path, reads, key, card))
    cache.prepare(drawn)
    del drawn  # the shapes (an election's card has hundreds of seats) are not kept while the pages build
    for path, reads, key, card in files:
        yield DataFile(path, reads, partial(_png_of, cache, key, card))


def _png_of(cache: CardCache, key: str | None, card: Card) -> bytes:
    # Shapes are worked out up front only for cards not kept from the last build; the rest on demand.
    return cache.png(partial(card_shapes, card), key)


def card_png(card: Card) -> bytes:
    """One card drawn at once, without a cache (a preview, a test)."""
    return draw_png(card_shapes(card))
