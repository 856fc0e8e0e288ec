"""What every chart shares: its parts, colours, number formats and the root ``<svg>`` element."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

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
