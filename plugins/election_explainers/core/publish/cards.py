"""Social cards: a 1200 by 630 picture per page for link previews, drawn as SVG and rendered to PNG.

A card says what the page is about at a glance: an election's hemicycle, top
results and date; a party's colour, its name and its last result; a country's
or story's title and what it is about. The SVG is ours (every data string
escaped); resvg renders it with the fonts shipped in ``fonts/`` (DejaVu Sans,
which covers Latin, Cyrillic and Kazakh letters), never the machine's fonts,
so a card comes out the same on every machine. Rendering costs tens of
milliseconds, so PNGs are kept in a cache folder by a hash of what goes in.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from ..data.models import Country, Election, Party, Record, Story
from ..index.results import primary_set
from ..render import charts
from ..render.formatting import format_percent
from ..render.urls import src_path
from ..render.view import View

if TYPE_CHECKING:
    from ..render.render import Renderer
    from .publish import DataFile

SHARED_KINDS = ("election", "party", "country", "story")
"""The pages that get a card and social tags."""

WIDTH, HEIGHT = 1200, 630
FONTS = Path(__file__).parent.parent.parent / "fonts"
FONT_FILES = (FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf")
FONT_FAMILY = "DejaVu Sans"
INK, MUTED, PAPER, ACCENT = "#1f2937", "#4b5563", "#ffffff", "#3f51b5"
CARD_FOLDER = "cards"
"""Where cards are published: ``cards/<kind folder>/<id>.png``."""

# Bump when the drawing changes in a way the SVG text does not show (the renderer, its options).
RENDER_VERSION = "1"

_LEFT = 72
_FOOTER_Y = 588


def card_path(folder: str, record_id: str) -> str:
    return f"{CARD_FOLDER}/{folder}/{record_id}.png"


@dataclass(frozen=True)
class ResultLine:
    """One of an election's top results on its card."""

    label: str
    colour: str
    value: str  # "71.09%" or "76 seats"


@dataclass(frozen=True)
class Card:
    """What a card shows; :func:`card_svg` draws it."""

    kind_label: str  # "Election · Kazakhstan"
    title: str
    site_name: str
    accent: str = ACCENT
    lines: tuple[str, ...] = ()  # text under the title: a date, a description, a last result
    results: tuple[ResultLine, ...] = ()
    chart: Markup | None = None  # an SVG (a hemicycle) for the right-hand side
    colour_block: bool = False  # a party's colour fills the right-hand third


# -- text layout -----------------------------------------------------------------------------

# DejaVu Sans is wide: about 0.6 em a character on average (bold a little more).
_EM_PER_CHAR = {False: 0.58, True: 0.64}


def _fits(size: float, width: float, bold: bool = False) -> int:
    return max(4, int(width / (size * _EM_PER_CHAR[bold])))


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


def _text(x: float, y: float, text: str, size: float, *, bold: bool = False, fill: str = INK, anchor: str = "") -> str:
    weight = ' font-weight="700"' if bold else ""
    anchor_attr = f' text-anchor="{anchor}"' if anchor else ""
    return f'<text x="{x:g}" y="{y:g}" font-size="{size:g}" fill="{fill}"{weight}{anchor_attr}>{escape(text)}</text>'


_HEX_RE = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")


def safe_colour(colour: str | None, fallback: str = ACCENT) -> str:
    """A colour for an attribute: the data's own only when it is a plain hex colour."""
    return colour.strip().lower() if colour and _HEX_RE.match(colour.strip()) else fallback


# -- drawing ---------------------------------------------------------------------------------


def card_svg(card: Card) -> str:
    """The card as an SVG document of 1200 by 630 units."""
    accent = safe_colour(card.accent)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'font-family="{FONT_FAMILY}" color="{INK}">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{PAPER}"/>',
        f'<rect width="20" height="{HEIGHT}" fill="{accent}"/>',
    ]
    text_right = 1140
    if card.colour_block:
        out.append(f'<rect x="840" y="0" width="360" height="{HEIGHT}" fill="{accent}"/>')
        text_right = 790
    if card.chart is not None:
        text_right = 620
        # The chart keeps its own viewBox and is scaled into the right-hand column.
        out.append(place_svg(str(card.chart), x=650, y=96, width=500, height=300))
    width = text_right - _LEFT
    y = 112.0
    out.append(_text(_LEFT, y, truncate(card.kind_label, _fits(28, width)), 28, fill=MUTED))
    size = 56 if len(card.title) < 40 else 48
    y += 26
    for line in wrap(card.title, _fits(size, width, bold=True), 3):
        y += size * 1.18
        out.append(_text(_LEFT, y, line, size, bold=True))
    y += 14
    body_size = 30
    room = 3 if card.results else 5
    for index, text in enumerate(card.lines):
        wrapped = wrap(text, _fits(body_size, width), room)[:room]
        room -= len(wrapped)
        y += 10 if index else 0  # a little air between one fact and the next
        for line in wrapped:
            y += body_size * 1.35
            out.append(_text(_LEFT, y, line, body_size, fill=MUTED))
    y += 28
    row = 46
    for result in card.results:
        if y + row > _FOOTER_Y - 40:
            break
        y += row
        out.append(
            f'<rect x="{_LEFT}" y="{y - 24:g}" width="28" height="28" rx="4" fill="{safe_colour(result.colour)}"/>'
        )
        value_chars = len(result.value) + 1
        name_chars = _fits(28, width - 44) - value_chars
        out.append(_text(_LEFT + 44, y, truncate(result.label, max(name_chars, 6)), 28))
        out.append(_text(text_right, y, result.value, 28, bold=True, anchor="end"))
    out.append(f'<rect x="{_LEFT}" y="{_FOOTER_Y - 44}" width="{text_right - _LEFT}" height="2" fill="#e5e7eb"/>')
    out.append(_text(_LEFT, _FOOTER_Y, truncate(card.site_name, _fits(26, width)), 26, bold=True))
    out.append("</svg>")
    return "".join(out)


_ROOT_SIZE_RE = re.compile(r'\s(?:width|height)="[^"]*"')


def place_svg(svg: str, *, x: float, y: float, width: float, height: float) -> str:
    """An ``<svg>`` element nested at a place of the card: its own size gives way to the place's."""
    head, close, rest = svg.partition(">")
    head = _ROOT_SIZE_RE.sub("", head)
    return f'{head} x="{x:g}" y="{y:g}" width="{width:g}" height="{height:g}"{close}{rest}'


def result_value(percent: float | None, seats: int | None, votes: int | None) -> str:
    if percent is not None:
        return format_percent(percent)
    if seats is not None:
        return f"{seats} seat" if seats == 1 else f"{seats} seats"
    return f"{votes:,} votes".replace(",", "\u2009") if votes is not None else ""


def hemicycle(parts: Sequence[charts.ChartPart], total: int) -> Markup:
    return charts.hemicycle_svg(parts, total, chart_id="card-seats", title="Seats", description="")


# -- rendering and the cache --------------------------------------------------------------------


def render_png(svg: str, width: int = WIDTH, height: int = HEIGHT) -> bytes:
    """The SVG as a PNG (a card: 1200 by 630 pixels), drawn with the shipped fonts only."""
    import resvg_py  # imported here: a site with cards turned off never loads it

    return bytes(
        resvg_py.svg_to_bytes(
            svg_string=svg,
            width=width,
            height=height,
            skip_system_fonts=True,
            font_files=[str(path) for path in FONT_FILES],
            font_family=FONT_FAMILY,
            sans_serif_family=FONT_FAMILY,
        )
    )


class CardCache:
    """Rendered cards by a hash of their SVG (and of the renderer's version): an unchanged card is read back.

    ``folder=None`` keeps nothing between builds. Files are written whole (a temporary file,
    then a rename), so a build killed mid-write leaves no half card behind.
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.rendered = 0  # how many cards this cache had to render (the rest were read back)
        self._made: dict[str, bytes] = {}  # rendered by prepare(), until png() hands them over

    def key(self, svg: str) -> str:
        return hashlib.sha256(f"{RENDER_VERSION}\n{svg}".encode()).hexdigest()

    def _path(self, key: str) -> Path | None:
        return self.folder / key[:2] / f"{key}.png" if self.folder is not None else None

    def _cached(self, key: str) -> bytes | None:
        path = self._path(key)
        try:
            return path.read_bytes() if path is not None else None
        except OSError:
            return None

    def prepare(self, svgs: Iterable[str]) -> None:
        """Render the cards not in the cache yet, several at once (resvg draws outside Python's lock)."""
        missing = {}
        for svg in svgs:
            key = self.key(svg)
            path = self._path(key)
            if key not in self._made and not (path is not None and path.is_file()):
                missing[key] = svg
        if not missing:
            return
        workers = min(len(missing), os.cpu_count() or 1)
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for key, data in zip(missing, pool.map(render_png, missing.values()), strict=True):
                self._store(key, data)

    def png(self, svg: str) -> bytes:
        key = self.key(svg)
        made = self._made.pop(key, None)
        if made is not None:
            return made
        cached = self._cached(key)
        if cached is not None:
            return cached
        data = render_png(svg)
        self._store(key, data)
        return self._made.pop(key, data)

    def _store(self, key: str, data: bytes) -> None:
        self.rendered += 1
        path = self._path(key)
        if path is None:
            self._made[key] = data
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)


def card_alt(record: Record, title: str) -> str:
    """The card's text alternative (what the picture shows) for the page titled ``title``."""
    if isinstance(record, Election):
        return f"{title}: the seats won and the top results, with the date"
    if isinstance(record, Party):
        return f"{title} in its colour, with its last election result"
    return f"{title}: the title and what the page is about"


# -- what each kind of page's card shows -----------------------------------------------------------


def card_of(renderer: Renderer, record: Record, site_name: str) -> tuple[Card | None, frozenset[str]]:
    """The card of an election, party, country or story page (``None`` for other pages), and what it read."""
    view = View(renderer, "", record)
    return _card(view, record, site_name), frozenset(view.reads)


def _card(view: View, record: Record, site_name: str) -> Card | None:
    country = view.country_of(record) if not isinstance(record, (Country, Story)) else None
    where = f" · {country.name}" if country else ""
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
                    format_percent(last.row.percent) if last.row.percent is not None else "",
                    result_value(None, last.row.seats, None) if last.row.seats is not None else "",
                )
                if x
            )
            lines.append(f"Last result: {value} in the {last.election.name}" if value else "")
        if record.founded:
            lines.append(f"Founded {record.founded.human()}")
        if record.dissolved:
            lines.append(f"Dissolved {record.dissolved.human()}")
        # The name as of the page's date: the site's as-of date (see as_of.py), never the clock.
        name = record.name_on(view.date)
        if name != record.name:
            lines.insert(0, f"Also known as {record.name}")
        return Card(
            f"Party{where}",
            name,
            site_name,
            accent=safe_colour(record.colour, charts.NEUTRAL_PALETTE[0]),
            lines=tuple(x for x in lines if x),
            colour_block=True,
        )
    if isinstance(record, Country):
        return Card("Country", record.name, site_name, lines=(view.description(),))
    if isinstance(record, Story):
        lines = (record.date.human(), *([view.description()] if record.summary else []))
        return Card("Story", record.title, site_name, lines=lines)
    return None


def _election_card(view: View, election: Election, where: str, site_name: str) -> Card:
    status = {"held": "", "scheduled": "Scheduled: ", "annulled": "Annulled: ", "counting": "Counting: "}[
        election.status
    ]
    lines = [f"{status}{election.date.human()}"]
    result_set = primary_set(election)
    rows = list(result_set.rows) if result_set else []
    results = tuple(
        ResultLine(
            view.result_label(row, election.date), view.row_colour(row), result_value(row.percent, row.seats, row.votes)
        )
        for row in sorted(rows, key=lambda r: (r.seats or 0, r.percent or 0, r.votes or 0), reverse=True)[:4]
    )
    chart = None
    seated = [row for row in rows if row.seats]
    if seated:
        parts = [
            charts.ChartPart(view.result_label(r, election.date), view.row_colour(r), seats=r.seats or 0)
            for r in seated
        ]
        won = sum(p.seats for p in parts)
        chart = hemicycle(parts, max(election.seats or won, won))
    return Card(f"Election{where}", election.name, site_name, lines=tuple(lines), results=results, chart=chart)


def card_files(
    renderer: Renderer, site_name: str, cache: CardCache, fresh: Callable[[str], bool] = lambda path: False
) -> Iterator[DataFile]:
    """A card for each election, party, country and story page. Cards that are not ``fresh`` (kept
    from the last build under ``serve``) and not in the cache are rendered here, in parallel."""
    from .publish import DataFile

    files = []
    for record in renderer.dataset.records.values():
        if record.kind not in SHARED_KINDS or src_path(record) is None:
            continue
        card, reads = card_of(renderer, record, site_name)
        if card is not None:
            path = card_path(record.folder, record.id)
            files.append((path, reads, None if fresh(path) else card_svg(card), card))
    cache.prepare(svg for _, _, svg, _ in files if svg is not None)
    for path, reads, svg, card in files:
        yield DataFile(path, reads, lambda svg=svg, card=card: cache.png(svg or card_svg(card)))
