"""Maps of results by region as inline SVG, drawn at build time, without script.

Two kinds: a tile map (one square per region at its ``tile`` place) and a
map of the regions' real shapes (from ``data/maps/<country>.geojson``,
projected with pyproj and simplified together with shapely). Each region is
filled with its winner's colour, lighter for a smaller share; its label is
black or white, whichever contrasts more with that fill (WCAG), and it
carries a ``<title>`` with its figures. Every string from the data is
escaped. The SVG has a viewBox and no fixed width, so it shrinks to a
375 px screen; text outside the regions uses ``currentColor`` so it follows
the page's light or dark scheme. Pages put a table with the same figures
beside each map.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

NO_DATA = "#9e9e9e"  # a region without figures: mid grey, readable in both schemes
LIGHTEST = 0.3  # the weight of the colour at share 0 (mixed with white); full colour at 100
TILE = 56  # tile side in SVG units; 6 columns fit 375 px at about 1:1
GAP = 4
SHAPES_WIDTH = 480.0


@dataclass(frozen=True)
class MapRegion:
    """One region as a map draws it."""

    id: str
    label: str  # short text drawn on it
    title: str  # its figures in words, for the tooltip and screen readers
    colour: str | None = None  # the winner's colour ("#rrggbb"); None without figures
    share: float | None = None  # percent: the intensity of the fill


def _channels(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _hex(channels: Sequence[float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in channels)


def fill_for(colour: str | None, share: float | None) -> str:
    """The winner's colour mixed with white: lighter for a smaller share."""
    if colour is None:
        return NO_DATA
    weight = LIGHTEST + (1 - LIGHTEST) * (max(0.0, min(100.0, share)) / 100 if share is not None else 1)
    return _hex([255 + (c - 255) * weight for c in _channels(colour)])


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#rrggbb``."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def label_colour(fill: str) -> str:
    """Black or white, whichever contrasts more with ``fill`` (always at least 4.5:1)."""
    return "#000000" if contrast(fill, "#000000") >= contrast(fill, "#ffffff") else "#ffffff"


def _svg_open(width: float, height: float, caption: str, kind: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ee-map ee-map--{kind}" viewBox="0 0 {width:g} {height:g}"'
        f' role="img" aria-label="{escape(caption)}" style="max-width:100%;height:auto" font-family="inherit">'
        f"<title>{escape(caption)}</title>"
    )


def _legend_width(entries: Sequence[tuple[str, str]]) -> float:
    """The width the widest legend entry needs: a map narrower than that would cut its names off."""
    return max((24 + 6.5 * len(name) for name, _ in entries), default=0.0)


def _legend(entries: Sequence[tuple[str, str]], top: float, width: float) -> tuple[str, float]:
    """Swatches with names, in rows that fit ``width``; returns the SVG and its height."""
    parts, x, y, row = [], 0.0, top, 18.0
    for name, colour in entries:
        step = 24 + 6.5 * len(name)
        if x and x + step > width:
            x, y = 0.0, y + row
        parts.append(
            f'<g class="ee-map-legend"><rect x="{x:g}" y="{y:g}" width="14" height="14" fill="{escape(colour)}"'
            f' stroke="currentColor" stroke-width="0.5"/><text x="{x + 19:g}" y="{y + 11:g}" font-size="12"'
            f' fill="currentColor">{escape(name)}</text></g>'
        )
        x += step
    return "".join(parts), (y - top + row if entries else 0.0)


def _label(region: MapRegion, fill: str, x: float, y: float, size: float) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:g}" text-anchor="middle" dominant-baseline="middle"'
        f' fill="{label_colour(fill)}" aria-hidden="true">{escape(region.label)}</text>'
    )


def tile_map(
    placed: Sequence[tuple[MapRegion, tuple[int, int]]], legend: Sequence[tuple[str, str]], caption: str
) -> str:
    """A square per region at its (row, column), filled by winner and share, labelled and titled."""
    if not placed:
        return ""
    rows = max(tile[0] for _, tile in placed) + 1
    columns = max(tile[1] for _, tile in placed) + 1
    width, grid_height = max(columns * (TILE + GAP), _legend_width(legend)), rows * (TILE + GAP)
    legend_svg, legend_height = _legend(legend, grid_height + 8, width)
    parts = [_svg_open(width, grid_height + 8 + legend_height, caption, "tiles")]
    for region, (row, column) in placed:
        x, y = column * (TILE + GAP), row * (TILE + GAP)
        fill = fill_for(region.colour, region.share)
        share = f"{region.share:g}%" if region.share is not None else ""
        parts.append(
            f'<g class="ee-map-region" data-region="{escape(region.id)}"><title>{escape(region.title)}</title>'
            f'<rect x="{x}" y="{y}" width="{TILE}" height="{TILE}" rx="4" fill="{fill}" stroke="currentColor" stroke-width="0.5"/>'
            + _label(region, fill, x + TILE / 2, y + TILE / 2 - (7 if share else 0), 10)
            + (_label(MapRegion(region.id, share, ""), fill, x + TILE / 2, y + TILE / 2 + 9, 11) if share else "")
            + "</g>"
        )
    parts.append(legend_svg)
    parts.append("</svg>")
    return "".join(parts)


def project(shapes: dict[str, dict[str, Any]], tolerance_share: float = 0.002) -> dict[str, Any]:
    """GeoJSON geometries (longitude/latitude) projected to the plane and simplified together.

    An equal-area projection centred on the regions; ``coverage_simplify``
    treats them as one coverage, so shared borders stay shared. The
    tolerance is a share of the map's width: detail finer than a pixel goes.
    """
    # Imported here, not at the top: only a site with a boundary file needs them, and pyproj is slow to import.
    import numpy
    import shapely
    from pyproj import Transformer
    from shapely.geometry import shape

    ids = list(shapes)
    geometries = [shape(shapes[i]) for i in ids]
    west, south, east, north = shapely.GeometryCollection(geometries).bounds
    projection = f"+proj=laea +lat_0={(south + north) / 2:.4f} +lon_0={(west + east) / 2:.4f} +units=m"
    transformer = Transformer.from_crs("EPSG:4326", projection, always_xy=True)

    def to_plane(points: Any) -> Any:  # an (n, 2) array of longitude, latitude
        x, y = transformer.transform(points[:, 0], points[:, 1])
        return numpy.column_stack([x, y])

    planar = [shapely.make_valid(shapely.transform(g, to_plane)) for g in geometries]
    x0, _, x1, _ = shapely.GeometryCollection(planar).bounds
    simplified = shapely.coverage_simplify(planar, tolerance=(x1 - x0) * tolerance_share)
    return dict(zip(ids, simplified, strict=True))


def _path(geometry: Any, scale: float, left: float, top: float) -> str:
    polygons = getattr(geometry, "geoms", [geometry])
    commands = []
    for polygon in polygons:
        if polygon.geom_type != "Polygon" or polygon.is_empty:
            continue
        for ring in [polygon.exterior, *polygon.interiors]:
            points = [f"{(x - left) * scale:.1f} {(top - y) * scale:.1f}" for x, y in ring.coords[:-1]]
            commands.append("M" + "L".join(points) + "Z")
    return "".join(commands)


def shapes_map(
    regions: Sequence[MapRegion], planar: dict[str, Any], legend: Sequence[tuple[str, str]], caption: str
) -> str:
    """The regions' shapes (from :func:`project`), filled by winner and share, labelled and titled."""
    import shapely

    drawn = [r for r in regions if r.id in planar and not planar[r.id].is_empty]
    if not drawn:
        return ""
    left, bottom, right, top = shapely.GeometryCollection([planar[r.id] for r in drawn]).bounds
    scale = SHAPES_WIDTH / ((right - left) or 1)
    height = (top - bottom) * scale
    width = max(SHAPES_WIDTH, _legend_width(legend))
    legend_svg, legend_height = _legend(legend, height + 8, width)
    parts = [_svg_open(width, height + 8 + legend_height, caption, "shapes")]
    labels = []
    for region in drawn:
        geometry = planar[region.id]
        fill = fill_for(region.colour, region.share)
        parts.append(
            f'<g class="ee-map-region" data-region="{escape(region.id)}"><title>{escape(region.title)}</title>'
            f'<path d="{_path(geometry, scale, left, top)}" fill="{fill}" fill-rule="evenodd"'
            f' stroke="currentColor" stroke-width="0.6" stroke-linejoin="round"/></g>'
        )
        point = geometry.representative_point()
        labels.append(_label(region, fill, (point.x - left) * scale, (top - point.y) * scale, 11))
    parts += labels  # above every shape, so a neighbour never covers a label
    parts.append(legend_svg)
    parts.append("</svg>")
    return "".join(parts)
