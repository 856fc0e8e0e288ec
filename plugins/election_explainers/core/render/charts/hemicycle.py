"""A parliament's seats as a hemicycle of dots, a row of circles per party."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from .common import VACANT_COLOUR, VACANT_LABEL, ChartPart, _colours, _n, _root

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
    seat_word: Callable[[int], str] = lambda n: "seat" if n == 1 else "seats",
) -> Markup:
    """A parliament diagram (see :func:`hemicycle_layout`) as an ``<svg>`` element.

    ``seat_word(n)`` is the word after a number of seats, in the page's language."""
    layout = hemicycle_layout(parts, total_seats)
    out = [_root("ee-hemicycle", layout.width, layout.height, chart_id, title, description)]
    start = 0
    r = _n(layout.seat_radius)
    for label, fill, count, extra in layout.groups:
        out.append(
            Markup('<g class="ee-seats{extra}" fill="{fill}"><title>{label}: {seats}</title>').format(
                extra=extra, fill=fill, label=label, seats=f"{count} {seat_word(count)}"
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
            word=seat_word(total_seats),
        )
    )
    out.append(Markup("</svg>"))
    return Markup("").join(out)


# --------------------------------------------------------------------------- vote bars

# A narrow chart with each party's name on a line of its own above its bar: the name is never
# cut and can wrap, and on a 375 px phone (the chart about 343 px wide) the text is still about
# 13 px. CSS caps the width on wide screens so the text doesn't grow much past the body text.
