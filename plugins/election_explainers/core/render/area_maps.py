"""An election's results by region as a map and the table of the same figures.

Picks the drawing: the regions' shapes where ``data/maps/<country>.geojson``
has them, else the tile map where regions have ``tile``. Colours come from
the parties' data. With no winner anywhere (only turnout given, as for
preliminary regional figures) the map shows turnout instead.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from typing import Any

from ..data.dataset import Dataset
from ..data.models import Country, Election, Party, Region, Row
from ..index.results import choice_key
from ..index.systems import AreaResult, regions_on, results_by_area
from .charts import NEUTRAL_PALETTE
from .maps import MapRegion, fill_for, project, shapes_map, tile_map

TURNOUT_COLOUR = "#3949ab"
TURNOUT_STEPS = (25, 50, 75, 100)
# Projected and simplified shapes by the map file's fingerprint: once per build, not once per page.
_PROJECTED: dict[str, dict[str, Any]] = {}


@dataclass
class AreaRow:
    """One line of the table beside the map: the same figures the map shows."""

    region: Region
    winner: str | None
    winner_row: Row | None
    share: float | None
    turnout: float | None


@dataclass
class AreaMap:
    svg: str  # inline SVG; empty when no region can be drawn
    drawing: str  # "shapes" or "tiles"
    measure: str  # "winner" or "turnout"
    caption: str
    rows: list[AreaRow] = field(default_factory=list)


def short_label(name: str) -> str:
    """A region's name short enough for a tile: itself, its initials, or cut."""
    if len(name) <= 9:
        return name
    words = name.split()
    return "".join(w[0] for w in words).upper() if len(words) > 1 else name[:7] + "."


def _row_name(dataset: Dataset, row: Row, election: Election) -> str:
    if row.alliance is not None:
        return row.alliance.name
    for entity_id in (row.person, row.party):
        record = dataset.get(entity_id) if entity_id else None
        if record is not None:
            return record.name_on(election.date)
    return str(row.option)


def _row_colour(dataset: Dataset, row: Row) -> str:
    party = dataset.get(row.party) if row.party else None
    if isinstance(party, Party) and party.colour:
        return party.colour
    return NEUTRAL_PALETTE[zlib.crc32(choice_key(row).encode()) % len(NEUTRAL_PALETTE)]


def area_map(dataset: Dataset, election: Election, tier: str | None = None) -> AreaMap | None:
    """The map and table of results by region, or None when no region has figures or a place to be drawn."""
    country = dataset.get(election.country)
    if not isinstance(country, Country):
        return None
    found: dict[str, AreaResult] = {a.region.id: a for a in results_by_area(dataset, election, tier)}
    if not found:
        return None
    measure = "winner" if any(a.result.winner is not None for a in found.values()) else "turnout"
    regions = regions_on(country, election.date)
    rows: list[AreaRow] = []
    drawn: list[MapRegion] = []
    legend: dict[str, str] = {}  # winner's name -> colour, in first-seen order
    for region in regions:
        result = found[region.id].result if region.id in found else None
        winner = result.winner if result else None
        name = _row_name(dataset, winner, election) if winner else None
        turnout = result.turnout if result else None
        rows.append(AreaRow(region, name, winner, result.share if result else None, turnout))
        colour, share, title = None, None, f"{region.name}: no figures"
        if measure == "winner" and winner is not None and name is not None:
            colour, share = _row_colour(dataset, winner), result.share if result else None
            legend.setdefault(name, colour)
            title = f"{region.name}: {name}" + (f" {share:g}%" if share is not None else "")
            title += f", turnout {turnout:g}%" if turnout is not None else ""
        elif measure == "turnout" and turnout is not None:
            colour, share, title = TURNOUT_COLOUR, turnout, f"{region.name}: turnout {turnout:g}%"
        drawn.append(MapRegion(region.id, short_label(region.name), title, colour, share))
    entries = list(legend.items())
    if measure == "turnout":
        entries = [(f"Turnout {step}%", fill_for(TURNOUT_COLOUR, step)) for step in TURNOUT_STEPS]
    if any(r.colour is None for r in drawn):
        entries.append(("No figures", fill_for(None, None)))
    what = "winner and share" if measure == "winner" else "turnout"
    caption = f"{election.name}: {what} by region"
    shapes = dataset.maps.get(country.id)
    if shapes is not None and any(r.id in shapes.shapes for r in drawn):
        key = dataset.fingerprints.get(f"maps/{country.id}", country.id)
        planar = _PROJECTED.get(key)
        if planar is None:
            planar = _PROJECTED[key] = project(shapes.shapes)
        return AreaMap(shapes_map(drawn, planar, entries, caption), "shapes", measure, caption, rows)
    placed = [(r, (region.tile[0], region.tile[1])) for r, region in zip(drawn, regions, strict=True) if region.tile]
    if not placed:
        return None
    return AreaMap(tile_map(placed, entries, caption), "tiles", measure, caption, rows)
