"""Inline SVG charts: a parliament seat diagram, vote-share bars and a party's history.

Every function is pure: the same input gives the same string. The output is a
``markupsafe.Markup`` holding one ``<svg>`` element that is well-formed XML, with
every piece of data (party names, election labels, ids, colours) escaped. Text
uses ``currentColor`` and inherits the page's font, so it follows the theme and
dark mode; sizes come from the ``viewBox`` so CSS can make the chart responsive
(``width: 100%; height: auto``).
"""

from .bars import vote_bars_svg
from .common import NEUTRAL_PALETTE, VACANT_COLOUR, VACANT_LABEL, ChartPart, format_number
from .hemicycle import Hemicycle, hemicycle_layout, hemicycle_svg
from .history import history_svg

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
