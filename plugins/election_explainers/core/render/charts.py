"""Inline SVG charts: a parliament seat diagram, vote-share bars and a party's history.

Every function is pure: the same input gives the same string. The output is a
``markupsafe.Markup`` holding one ``<svg>`` element that is well-formed XML, with
every piece of data (party names, election labels, ids, colours) escaped. Text
uses ``currentColor`` and inherits the page's font, so it follows the theme and
dark mode; sizes come from the ``viewBox`` so CSS can make the chart responsive
(``width: 100%; height: auto``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

__all__ = [
    "NEUTRAL_PALETTE",
    "VACANT_COLOUR",
    "VACANT_LABEL",
    "ChartPart",
    "Hemicycle",
    "format_number",
    "hemicycle_layout",
    "hemicycle_svg",
    "history_svg",
    "vote_bars_svg",
]

#: Colours for parts without one of their own, handed out in order (the first
#: colourless part gets the first colour). Muted and distinct from each other
#: and from the vacant-seat grey.
NEUTRAL_PALETTE: tuple[str, ...] = (
    "#6b7280",  # slate grey
    "#a08c6e",  # taupe
    "#7b93ad",  # blue grey
    "#a3839a",  # mauve grey
    "#85977a",  # sage
    "#4b5563",  # charcoal
    "#b3a07f",  # sand
    "#8e8aa8",  # lavender grey
)
VACANT_COLOUR = "#d4d4d8"
VACANT_LABEL = "Vacant / not allocated"

_SVG_NS = "http://www.w3.org/2000/svg"
_HEX_COLOUR_RE = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")
_ELLIPSIS = "…"


@dataclass(frozen=True)
class ChartPart:
    """One slice of a chart: usually a party (named as of the election date)."""

    label: str
    colour: str | None  # "#rrggbb", or None for a neutral colour from NEUTRAL_PALETTE
    seats: int = 0
    percent: float | None = None


# --------------------------------------------------------------------------- helpers


def format_number(value: float) -> str:
    """At most two decimals and no trailing zeros: ``7.0`` → ``7``, ``71.094`` → ``71.09``."""
    text = f"{round(value, 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


_n = format_number  # coordinates use the same compact form


def _check_finite(value: float | None, what: str) -> None:
    if value is not None and not math.isfinite(value):
        raise ValueError(f"{what} must be a finite number, not {value!r}")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _truncate(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + _ELLIPSIS


def _colours(parts: Sequence[ChartPart]) -> list[str]:
    """Each part's fill: its own colour when it is a valid hex colour, else the next neutral one.

    Computed over the whole sequence (before any part is skipped) so the same
    parts get the same colours in every chart.
    """
    fills: list[str] = []
    neutral = 0
    for part in parts:
        if part.colour is not None and _HEX_COLOUR_RE.match(part.colour.strip()):
            fills.append(part.colour.strip().lower())
        else:
            fills.append(NEUTRAL_PALETTE[neutral % len(NEUTRAL_PALETTE)])
            neutral += 1
    return fills


def _root(css_class: str, width: float, height: float, chart_id: str, title: str, description: str) -> Markup:
    """The opening ``<svg>`` tag with its accessible name and description."""
    return Markup(
        '<svg xmlns="{ns}" class="{css_class}" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        'role="img" aria-labelledby="{id}-title {id}-desc">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
    ).format(
        ns=_SVG_NS,
        css_class=css_class,
        w=_n(width),
        h=_n(height),
        id=chart_id,
        title=title,
        desc=description,
    )


# --------------------------------------------------------------------------- hemicycle

_MAX_ROWS = 14
_SINGLE_ROW_MAX = 12
_OUTER_RADIUS = 190.0  # centre of the outermost row, in viewBox units
_PAD = 4.0


def _row_count(total: int) -> int:
    """About sqrt(total / 3.5) rows; a dozen seats or fewer look best on a single row."""
    if total <= _SINGLE_ROW_MAX:
        return 1
    return max(1, min(_MAX_ROWS, round(math.sqrt(total / 3.5))))


def _inner_ratio(rows: int, total: int) -> float:
    """Inner row radius / outer, chosen so the gap between rows equals the gap along a row."""
    along = math.pi * rows / (2 * total)  # seat gap along an arc, per unit of (inner + outer) radius
    across = 1 / (rows - 1)  # gap between rows, per unit of (outer - inner) radius
    return min(0.55, max(0.3, (across - along) / (across + along)))


def _seats_per_row(radii: Sequence[float], total: int) -> list[int]:
    """Seats in each row, proportional to its radius (largest remainder, ties to the outer row)."""
    whole = sum(radii)
    quotas = [total * r / whole for r in radii]
    counts = [math.floor(q) for q in quotas]
    by_remainder = sorted(range(len(radii)), key=lambda i: (-(quotas[i] - counts[i]), -i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _seat_layout(total: int) -> tuple[list[tuple[float, float]], float, float]:
    """Seat centres relative to the arc's centre (y up), left to right; the seat radius; the inner radius."""
    rows = _row_count(total)
    outer = _OUTER_RADIUS
    if rows == 1:  # a few seats: one row, bunched at the top of the arc rather than spread to its ends
        seat_radius = min(0.2 * outer, 0.42 * math.pi * outer / total)
        step = min(math.pi / total, 2.4 * seat_radius / outer)
        angles = [math.pi / 2 + step * ((total - 1) / 2 - j) for j in range(total)]
        return [(outer * math.cos(a), outer * math.sin(a)) for a in angles], seat_radius, outer

    ratio = _inner_ratio(rows, total)
    radii = [outer * (ratio + (1 - ratio) * i / (rows - 1)) for i in range(rows)]
    gap = outer * (1 - ratio) / (rows - 1)  # between rows; the gap along a row is about the same
    seats: list[tuple[float, float]] = []  # (angle, radius)
    for radius, count in zip(radii, _seats_per_row(radii, total), strict=True):
        if count == 1:
            seats.append((math.pi / 2, radius))
            continue
        seats.extend((math.pi * (1 - j / (count - 1)), radius) for j in range(count))
        gap = min(gap, math.pi * radius / (count - 1))
    seats.sort(key=lambda s: (-round(s[0], 9), s[1]))
    positions = [(radius * math.cos(angle), radius * math.sin(angle)) for angle, radius in seats]
    return positions, min(0.42 * gap, 0.16 * outer), radii[0]


@dataclass(frozen=True)
class Hemicycle:
    """Where a parliament diagram's seats and total go, in ``viewBox`` units (y down).

    :func:`hemicycle_svg` writes it as SVG; the social cards draw it as pixels.
    """

    width: float
    height: float
    seat_radius: float
    groups: tuple[tuple[str, str, int, str], ...]  # (label, fill, seats, extra class), left to right
    seats: tuple[tuple[float, float], ...]  # every seat's centre, in the groups' order
    centre_x: float
    total_y: float  # baseline of the total seats
    total_size: float
    word_y: float  # baseline of "seats" beneath it
    word_size: float


def hemicycle_layout(parts: Sequence[ChartPart], total_seats: int) -> Hemicycle:
    """The diagram of ``total_seats`` dots on semicircular rows, each part a wedge from the left.

    Parts are laid out in the order given. Seats the parts don't account for are
    "Vacant / not allocated" in light grey; more seats than ``total_seats`` is a ``ValueError``.
    """
    if total_seats < 1:
        raise ValueError(f"total_seats must be at least 1, not {total_seats}")
    for part in parts:
        if part.seats < 0:
            raise ValueError(f"{part.label!r} has a negative number of seats ({part.seats})")
    allocated = sum(part.seats for part in parts)
    if allocated > total_seats:
        raise ValueError(f"the parts have {allocated} seats between them, more than the {total_seats} available")

    positions, seat_r, inner = _seat_layout(total_seats)
    outer = _OUTER_RADIUS + seat_r
    cx = _PAD + outer
    cy = _PAD + outer
    groups: list[tuple[str, str, int, str]] = []
    for part, fill in zip(parts, _colours(parts), strict=True):
        if part.seats:
            groups.append((part.label, fill, part.seats, ""))
    if allocated < total_seats:
        groups.append((VACANT_LABEL, VACANT_COLOUR, total_seats - allocated, " ee-vacant"))
    # The total, large, in the hollow of the arc; "seats" beneath it on the baseline.
    clear = inner - seat_r
    digits = len(str(total_seats))
    size = min(0.62 * clear, 1.5 * clear / max(digits, 2), 0.3 * _OUTER_RADIUS)
    return Hemicycle(
        width=2 * (_PAD + outer),
        height=cy + seat_r + _PAD,
        seat_radius=seat_r,
        groups=tuple(groups),
        seats=tuple((cx + x, cy - y) for x, y in positions),
        centre_x=cx,
        total_y=cy - 0.42 * size,
        total_size=size,
        word_y=cy + 0.04 * size,
        word_size=max(0.4 * size, 14),  # readable on a phone, where the chart shrinks
    )


def hemicycle_svg(
    parts: Sequence[ChartPart],
    total_seats: int,
    *,
    chart_id: str,
    title: str,
    description: str,
) -> Markup:
    """A parliament diagram (see :func:`hemicycle_layout`) as an ``<svg>`` element."""
    layout = hemicycle_layout(parts, total_seats)
    out = [_root("ee-hemicycle", layout.width, layout.height, chart_id, title, description)]
    start = 0
    r = _n(layout.seat_radius)
    for label, fill, count, extra in layout.groups:
        out.append(
            Markup('<g class="ee-seats{extra}" fill="{fill}"><title>{label}: {seats}</title>').format(
                extra=extra, fill=fill, label=label, seats=_plural(count, "seat")
            )
        )
        for x, y in layout.seats[start : start + count]:
            # Numbers only; an f-string, as there can be thousands of seats.
            out.append(Markup(f'<circle class="ee-seat" cx="{_n(x)}" cy="{_n(y)}" r="{r}"/>'))
        out.append(Markup("</g>"))
        start += count
    out.append(
        Markup(
            '<g class="ee-total" fill="currentColor" font-family="inherit" text-anchor="middle">'
            '<text x="{x}" y="{y1}" font-size="{s1}" font-weight="700">{total}</text>'
            '<text x="{x}" y="{y2}" font-size="{s2}" opacity="0.75">{word}</text></g>'
        ).format(
            x=_n(layout.centre_x),
            y1=_n(layout.total_y),
            s1=_n(layout.total_size),
            total=total_seats,
            y2=_n(layout.word_y),
            s2=_n(layout.word_size),
            word="seat" if total_seats == 1 else "seats",
        )
    )
    out.append(Markup("</svg>"))
    return Markup("").join(out)


# --------------------------------------------------------------------------- vote bars

# A narrow chart with each party's name on a line of its own above its bar: the name is never
# cut and can wrap, and on a 375 px phone (the chart about 343 px wide) the text is still about
# 13 px. CSS caps the width on wide screens so the text doesn't grow much past the body text.
_BARS_WIDTH = 400.0
_FONT = 15.0
_LINE = 18.0  # height of a line of label text
_BAR = 18.0
_ROW_GAP = 12.0  # between one party's bar and the next party's name
_CHAR = 8.0  # a generous average character width at _FONT: wrap early rather than overflow
_DIGIT = 9.2  # rough width of a bold digit or % at _FONT
_VALUE_SPACE = 66.0  # room right of the longest bar for "71.09%"
_THRESHOLD_FONT = 14.0


def _wrap(text: str, width: float) -> list[str]:
    """``text`` in lines that fit ``width`` (estimated); a word longer than a line gets a line of its own."""
    limit = max(int(width / _CHAR), 8)
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def vote_bars_svg(
    parts: Sequence[ChartPart],
    *,
    chart_id: str,
    title: str,
    description: str,
    threshold: float | None = None,
) -> Markup:
    """Horizontal vote-share bars, one row per part with a percent, in the order given.

    Each row is the part's full name (wrapped over as many lines as it needs) above its bar, with
    the percent after the bar. The scale runs from 0 to the larger of the top share and
    ``threshold``, so a 71% winner and a 3% party are both readable. A threshold draws a dashed
    mark beside every bar, labelled on top.
    """
    for part in parts:
        _check_finite(part.percent, f"the percent of {part.label!r}")
    _check_finite(threshold, "threshold")
    fills = _colours(parts)
    rows = [(part, fill) for part, fill in zip(parts, fills, strict=True) if part.percent is not None]

    bar_x = 0.0
    bar_space = _BARS_WIDTH - bar_x - _VALUE_SPACE
    values = [max(part.percent or 0.0, 0.0) for part, _ in rows]
    scale_max = max([*values, threshold or 0.0, 0.0])
    unit = bar_space / scale_max if scale_max > 0 else 0.0

    top = 24.0 if threshold is not None else 4.0
    body: list[Markup] = []
    bar_boxes: list[tuple[float, float, float]] = []  # (bar top, value text start, value text end)
    y = top
    for (part, fill), value in zip(rows, values, strict=True):
        lines = _wrap(part.label, _BARS_WIDTH)
        label = Markup('<text x="{x}" y="{y}" fill="currentColor">{text}</text>').format(
            x=_n(bar_x), y=_n(y + _FONT), text=lines[0]
        )
        if len(lines) > 1:
            # Each line but the last keeps the space after it: the text reads (and copies) as
            # the name, not as words run together where the lines meet.
            spans = Markup("").join(
                Markup('<tspan x="{x}" dy="{dy}">{line}</tspan>').format(
                    x=_n(bar_x), dy=_n(0 if index == 0 else _LINE), line=line if index == len(lines) - 1 else line + " "
                )
                for index, line in enumerate(lines)
            )
            label = Markup('<text x="{x}" y="{y}" fill="currentColor">{spans}</text>').format(
                x=_n(bar_x), y=_n(y + _FONT), spans=spans
            )
        bar_y = y + len(lines) * _LINE + 3
        shown = format_number(part.percent or 0.0) + "%"
        bar_w = value * unit
        value_x = bar_x + bar_w + 6
        bar_boxes.append((bar_y, value_x, value_x + len(shown) * _DIGIT))
        body.append(
            Markup(
                '<g class="ee-bar"><title>{full}: {shown}</title>{label}'
                '<rect x="{bx}" y="{by}" width="{bw}" height="{bh}" rx="2" fill="{fill}"/>'
                '<text x="{vx}" y="{ty}" fill="currentColor" font-weight="600">{shown}</text></g>'
            ).format(
                full=" ".join(part.label.split()),
                shown=shown,
                label=label,
                bx=_n(bar_x),
                by=_n(bar_y),
                bw=_n(bar_w),
                bh=_n(_BAR),
                fill=fill,
                vx=_n(value_x),
                ty=_n(bar_y + _BAR / 2 + _FONT * 0.35),
            )
        )
        y = bar_y + _BAR + _ROW_GAP
    if not rows:
        body.append(
            Markup('<text x="{}" y="{}" fill="currentColor" opacity="0.7">No results</text>').format(
                _n(8), _n(top + _FONT)
            )
        )
        y = top + _LINE + _ROW_GAP
    height = y - _ROW_GAP + 6

    out = [_root("ee-bars", _BARS_WIDTH, height, chart_id, title, description)]
    out.append(Markup('<g font-family="inherit" font-size="{}">').format(_n(_FONT)))
    out.extend(body)
    if threshold is not None:
        x = bar_x + max(threshold, 0.0) * unit
        label = f"{format_number(threshold)}% threshold"
        half = len(label) * _CHAR * (_THRESHOLD_FONT / _FONT) / 2
        anchor = "middle"
        if x - half < 0:
            anchor = "start"
        elif x + half > _BARS_WIDTH:
            anchor = "end"
        # A mark beside each bar, not through the names above them, nor through a value label.
        segments = [
            (bar_top - 3, bar_top + _BAR + 3) for bar_top, start, end in bar_boxes if not start - 3 <= x <= end + 3
        ]
        path = " ".join(f"M{_n(x)} {_n(a)}V{_n(b)}" for a, b in segments) or f"M{_n(x)} {_n(top - 4)}V{_n(top)}"
        out.append(
            Markup(
                '<g class="ee-threshold"><path d="{path}" fill="none" stroke="currentColor" '
                'stroke-width="1.5" stroke-dasharray="4 3" opacity="0.8"/>'
                '<text x="{x}" y="{ty}" fill="currentColor" font-size="{fs}" text-anchor="{anchor}" '
                'opacity="0.85">{label}</text></g>'
            ).format(
                path=path,
                x=_n(x),
                ty=_n(top - 8),
                fs=_n(_THRESHOLD_FONT),
                anchor=anchor,
                label=label,
            )
        )
    out.append(Markup("</g></svg>"))
    return Markup("").join(out)


# --------------------------------------------------------------------------- history

_SLOT = 60.0
_HISTORY_HEIGHT = 170.0
_HISTORY_FONT = 13.0


def history_svg(
    points: Sequence[tuple[str, float | None]],
    *,
    colour: str | None,
    chart_id: str,
    title: str,
    description: str,
) -> Markup:
    """A party's vote share election by election: one bar each, the share on top, the election below.

    An election with no share (``None``) shows a dash instead of a bar.
    """
    for label, value in points:
        _check_finite(value, f"the percent for {label!r}")
    fill = _colours([ChartPart("", colour)])[0]
    count = max(len(points), 1)
    width = max(count * _SLOT, 2 * _SLOT) + 8
    left = (width - count * _SLOT) / 2
    base = _HISTORY_HEIGHT - 24  # baseline of the bars
    top = 22.0  # room for the value over the highest bar
    values = [max(value, 0.0) for _, value in points if value is not None]
    peak = max(values, default=0.0)
    unit = (base - top) / peak if peak > 0 else 0.0
    bar_w = _SLOT * 0.56

    out = [_root("ee-history", width, _HISTORY_HEIGHT, chart_id, title, description)]
    out.append(Markup('<g font-family="inherit" font-size="{}" text-anchor="middle">').format(_n(_HISTORY_FONT)))
    out.append(
        Markup('<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="currentColor" stroke-width="1" opacity="0.4"/>').format(
            _n(left + 4), _n(left + count * _SLOT - 4), y=_n(base + 0.5)
        )
    )
    for index, (label, value) in enumerate(points):
        mid = left + (index + 0.5) * _SLOT
        shown = "no result" if value is None else format_number(value) + "%"
        out.append(
            Markup('<g class="ee-history-point"><title>{label}: {shown}</title>').format(
                label=" ".join(label.split()), shown=shown
            )
        )
        if value is None:
            out.append(
                Markup('<text x="{}" y="{}" fill="currentColor" opacity="0.6">–</text>').format(_n(mid), _n(base - 6))
            )
        else:
            h = max(value, 0.0) * unit
            out.append(
                Markup(
                    '<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="2" fill="{fill}"/>'
                    '<text x="{mid}" y="{ty}" fill="currentColor" font-weight="600">{shown}</text>'
                ).format(
                    x=_n(mid - bar_w / 2),
                    y=_n(base - h),
                    w=_n(bar_w),
                    h=_n(h),
                    fill=fill,
                    mid=_n(mid),
                    ty=_n(base - h - 6),
                    shown=shown,
                )
            )
        out.append(
            Markup('<text x="{}" y="{}" fill="currentColor" opacity="0.8">{}</text></g>').format(
                _n(mid), _n(base + 17), _truncate(label, 9)
            )
        )
    out.append(Markup("</g></svg>"))
    return Markup("").join(out)
