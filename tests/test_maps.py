"""Maps: boundary files checked like data, and the SVG tile and shape maps drawn from real data.

The SVGs are parsed with xml.etree, so escaping mistakes fail as parse errors.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
import shapely
from conftest import problems
from election_explainers.core.data.loader import load
from election_explainers.core.data.maps import MAX_MAP_BYTES
from election_explainers.core.render.area_maps import area_map
from election_explainers.core.render.maps import (
    MapRegion,
    contrast,
    fill_for,
    label_colour,
    project,
    shapes_map,
    tile_map,
)
from test_systems import TIERED

MakeProject = Callable[..., Path]
SVG = "{http://www.w3.org/2000/svg}"
MAP = "data/maps/ck.geojson"


def square(west: float, south: float, size: float = 1.0) -> dict[str, object]:
    ring = [[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def collection(*features: tuple[str, dict[str, object]]) -> str:
    """One feature per line, so a test can say which line a feature is on (line 3 is the first)."""
    lines = [json.dumps({"type": "Feature", "id": i, "properties": {}, "geometry": g}) for i, g in features]
    return '{"type": "FeatureCollection",\n "features": [\n' + ",\n".join(lines) + "\n]}\n"


GOOD_MAP = collection(("north", square(10, 50)), ("south", square(10, 49)))


def test_a_valid_map_is_loaded(make_project: MakeProject) -> None:
    root = make_project({**TIERED, MAP: GOOD_MAP})
    dataset = load(root / "data", root / "docs", root=root)
    assert sorted(dataset.maps["ck"].shapes) == ["north", "south"]
    assert "maps/ck" in dataset.fingerprints


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"type": "FeatureCollection",\n "features": [,]}', f"{MAP}:2:15: not valid JSON: Expecting value"),
        (
            '{"type": "Feature"}',
            f'{MAP}:1:1: not a GeoJSON FeatureCollection: {{"type": "FeatureCollection", "features": [...]}}',
        ),
        (
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "id": "north", "geometry": {"type": "Polygon", "coordinates": [[[NaN, 1]]]}}]}',
            f"{MAP}:1:1: not valid JSON: NaN is not a number",
        ),
        (
            collection(("north", square(10, 50)), ("nort", square(10, 49))),
            f"{MAP}:4:1: features[1].id: 'nort' matches no region of ck; did you mean 'north'?",
        ),
        (
            collection(("north", {"type": "Point", "coordinates": [1, 2]})),
            f"{MAP}:3:1: features[0].geometry: the geometry must be a Polygon or MultiPolygon",
        ),
        (
            collection(("north", square(200, 50))),
            f"{MAP}:3:1: features[0].geometry: [200, 50] is not a [longitude, latitude] position",
        ),
        (
            collection(("north", square(1, 1)), ("north", square(2, 2))),
            f"{MAP}:4:1: features[1].id: a second shape for the region 'north'",
        ),
    ],
)
def test_bad_map_files_are_located_problems(make_project: MakeProject, content: str, expected: str) -> None:
    root = make_project({**TIERED, MAP: content})
    assert problems(root) == [expected]


def test_a_map_over_the_size_limit(make_project: MakeProject) -> None:
    root = make_project({**TIERED, MAP: b" " * (MAX_MAP_BYTES + 1)})
    assert problems(root) == [f"{MAP}:1:1: the file is larger than 20 MiB; split it up (nothing past 20 MiB was read)"]


def test_map_files_named_after_no_country_or_out_of_place(make_project: MakeProject) -> None:
    root = make_project(
        {**TIERED, "data/maps/ckk.geojson": GOOD_MAP, "data/maps/old/ck.geojson": GOOD_MAP, "data/maps/ck.json": "{}"}
    )
    assert problems(root) == [
        "data/maps/ck.json:1:1: only <country-id>.geojson boundary files belong in maps/, not in sub-folders",
        "data/maps/ckk.geojson:1:1: 'ckk' is not a country id: name the file <country-id>.geojson; did you mean 'ck'?",
        "data/maps/old/ck.geojson:1:1: only <country-id>.geojson boundary files belong in maps/, not in sub-folders",
    ]


def test_labels_keep_wcag_contrast_on_every_fill() -> None:
    for colour in ("#1f5fa8", "#ffeb3b", "#2e7d32", "#c62828", "#000000", "#ffffff", "#777777", "#00838f"):
        for share in (0, 25, 50, 75, 100, None):
            fill = fill_for(colour, share)
            assert contrast(fill, label_colour(fill)) >= 4.5, (colour, share)
    assert label_colour("#ffffff") == "#000000" and label_colour("#000000") == "#ffffff"
    assert fill_for("#000000", 100) == "#000000" and fill_for("#000000", 0) != "#000000"  # share is intensity


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and root.get("viewBox") and root.get("width") is None  # scales to 375 px
    return root


def test_tile_map_labels_titles_and_escapes() -> None:
    hostile = MapRegion("x", "<b>&", 'A "quoted" <script>alert(1)</script> region', "#1f5fa8", 61.5)
    plain = MapRegion("y", "South", "South: no figures")
    svg = tile_map([(hostile, (0, 0)), (plain, (1, 2))], [("Red & <Blue>", "#1f5fa8")], "Results <by> region")
    root = parse(svg)
    groups = [g for g in root.iter(f"{SVG}g") if g.get("class") == "ee-map-region"]
    assert [g.find(f"{SVG}title").text for g in groups] == [hostile.title, plain.title]
    texts = [t.text for g in groups for t in g.iter(f"{SVG}text")]
    assert texts == ["<b>&", "61.5%", "South"]
    for group in groups:
        fill = group.find(f"{SVG}rect").get("fill")
        for text in group.iter(f"{SVG}text"):
            assert contrast(fill, text.get("fill")) >= 4.5
    assert "Red & <Blue>" in [t.text for t in root.iter(f"{SVG}text")]
    assert "<script>" not in svg and root.find(f"{SVG}title").text == "Results <by> region"


def test_shapes_are_projected_and_simplified_with_shared_borders_kept() -> None:
    # Two neighbours sharing a wiggly border: simplifying each alone would open gaps between them.
    border = [[10 + 0.01 * (i % 2), 50 - i * 0.05] for i in range(21)]
    west = {"type": "Polygon", "coordinates": [[[9, 50], *border, [9, 49], [9, 50]]]}
    east = {"type": "Polygon", "coordinates": [[[11, 50], [11, 49], *reversed(border), [11, 50]]]}
    planar = project({"west": west, "east": east}, tolerance_share=0.05)
    union = shapely.union(planar["west"], planar["east"])
    assert shapely.intersection(planar["west"], planar["east"]).area < 1e-6 * union.area
    assert abs(union.area - planar["west"].area - planar["east"].area) < 1e-6 * union.area
    assert len(planar["west"].exterior.coords) < len(west["coordinates"][0])  # simplified
    assert planar["west"].centroid.x < planar["east"].centroid.x  # longitude stays x (always_xy)
    regions = [MapRegion("west", "West", "West: Red 60%", "#cc0000", 60), MapRegion("east", "East", "East: no figures")]
    root = parse(shapes_map(regions, planar, [("Red", "#cc0000")], "Shapes"))
    paths = [g.find(f"{SVG}path") for g in root.iter(f"{SVG}g") if g.get("class") == "ee-map-region"]
    assert len(paths) == 2 and all(p.get("d", "").startswith("M") for p in paths)


def test_area_map_of_a_real_election(make_project: MakeProject) -> None:
    root = make_project(TIERED)
    dataset = load(root / "data", root / "docs", root=root)
    found = area_map(dataset, dataset.records["ck-2024"])  # type: ignore[arg-type]
    assert found is not None and (found.drawing, found.measure) == ("tiles", "winner")
    assert [(r.region.id, r.winner, r.share, r.turnout) for r in found.rows] == [
        ("north", "Red Party", 65, 55.5),
        ("south", None, None, None),
    ]  # old-east had been abolished by 2024
    svg = parse(found.svg)
    titles = [g.find(f"{SVG}title").text for g in svg.iter(f"{SVG}g") if g.get("class") == "ee-map-region"]
    assert titles == ["North: Red Party 65%, turnout 55.5%", "South: no figures"]
    assert fill_for("#cc0000", 65) in found.svg  # the party's own colour, at the winner's share
    # With a boundary file, the same figures are drawn as shapes.
    (root / "data/maps").mkdir()
    (root / MAP).write_text(GOOD_MAP, encoding="utf-8")
    dataset = load(root / "data", root / "docs", root=root)
    shapes = area_map(dataset, dataset.records["ck-2024"])  # type: ignore[arg-type]
    assert shapes is not None and shapes.drawing == "shapes" and shapes.rows == found.rows
    parse(shapes.svg)
    assert area_map(dataset, dataset.records["ck-2020"]) is None  # type: ignore[arg-type]


def test_a_narrow_map_is_as_wide_as_its_legend_needs() -> None:
    """Two tiles are narrower than "Red Party": the drawing widens so no legend name is cut."""
    legend = [("Red Party of the Long Name", "#cc0000"), ("No figures", "#dddddd")]
    regions = [MapRegion("west", "West", "West: Red 60%", "#cc0000", 60), MapRegion("east", "East", "East: no figures")]
    svg = tile_map([(region, (0, column)) for column, region in enumerate(regions)], legend, "Two regions")
    width = float(parse(svg).get("viewBox", "").split()[2])
    assert width >= 24 + 6.5 * len("Red Party of the Long Name")
