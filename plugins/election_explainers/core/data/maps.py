"""Boundary files, ``data/maps/<country-id>.geojson``: read, check and keep each region's geometry.

A map file is checked like any data file: too large, not JSON, not a
FeatureCollection of polygons, a feature whose id names no region of the
country, or a file named after no country is a located problem
(``file:line:column``), never a crash. Projection and simplification happen
at build time, in the render layer.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .dataset import Dataset
from .files import MiB, display_path, fingerprint, read_capped, walk
from .models import Country
from .problems import Problem, did_you_mean, printable

MAPS_FOLDER = "maps"
MAP_SUFFIX = ".geojson"
MAX_MAP_BYTES = 20 * MiB  # a country's regions simplified for a web page need far less
_POLYGONS = ("Polygon", "MultiPolygon")
_FEATURES_RE = re.compile(r'"features"\s*:\s*\[')


@dataclass
class CountryMap:
    """A country's regions' geometries (GeoJSON, longitude/latitude), by region id."""

    country: str
    file: str
    shapes: dict[str, dict[str, Any]] = field(default_factory=dict)


def load_maps(
    data_dir: Path, dataset: Dataset, root: Path | None = None
) -> tuple[dict[str, CountryMap], list[Problem]]:
    """Every map file under ``data/maps/``, checked against the countries' regions."""
    top = data_dir / MAPS_FOLDER
    maps: dict[str, CountryMap] = {}
    problems: list[Problem] = []
    if not top.is_dir():
        return maps, problems
    for entry in walk(top, "the data folder"):
        if entry.relative or not entry.name.endswith(MAP_SUFFIX) or entry.name.startswith("."):
            continue  # reported with the layout of data/ (see loader.entity_files)
        shown = display_path(entry.path, root)
        if entry.real is None:
            problems.append(Problem(shown, 1, 1, "", entry.problem or "the file cannot be read"))
            continue
        raw, why = read_capped(entry.real, MAX_MAP_BYTES)
        if raw is None:
            problems.append(Problem(shown, 1, 1, "", why or "the file cannot be read"))
            continue
        country_id = entry.name.removesuffix(MAP_SUFFIX)
        country = dataset.get(country_id)
        if not isinstance(country, Country):
            known = [c.id for c in dataset.countries]
            message = f"'{printable(country_id)}' is not a country id: name the file <country-id>{MAP_SUFFIX}{did_you_mean(country_id, known)}"
            problems.append(Problem(shown, 1, 1, "", message))
            continue
        found, file_problems = read_map(shown, raw, country)
        problems += file_problems
        if found is not None and not file_problems:
            maps[country_id] = found
            dataset.fingerprints[f"{MAPS_FOLDER}/{country_id}"] = fingerprint(raw)
    return maps, problems


def read_map(shown: str, raw: bytes, country: Country) -> tuple[CountryMap | None, list[Problem]]:
    """Parse one map file's bytes and check every feature; all problems at once."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return None, [Problem(shown, 1, 1, "", f"the file is not UTF-8 text (byte {error.start + 1})")]
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        return None, [Problem(shown, error.lineno, error.colno, "", f"not valid JSON: {error.msg}")]
    except ValueError as error:
        return None, [Problem(shown, 1, 1, "", f"not valid JSON: {error}")]
    except RecursionError:
        return None, [Problem(shown, 1, 1, "", "not valid GeoJSON: nested too deeply")]
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features"), list)
    ):
        return None, [
            Problem(
                shown, 1, 1, "", 'not a GeoJSON FeatureCollection: {"type": "FeatureCollection", "features": [...]}'
            )
        ]
    places = _feature_places(text, len(data["features"]))
    regions = [r.id for r in country.regions]
    result = CountryMap(country.id, shown)
    problems = []
    for i, feature in enumerate(data["features"]):
        line, column = places[i] if i < len(places) else (1, 1)

        def problem(message: str, at: str = "", i: int = i, line: int = line, column: int = column) -> Problem:
            return Problem(shown, line, column, f"features[{i}]{at}", message)

        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.append(problem('not a GeoJSON Feature: {"type": "Feature", "id": ..., "geometry": ...}'))
            continue
        properties = feature.get("properties")
        if not isinstance(properties, dict):
            properties = {}
        region_id = feature.get("id", properties.get("id"))
        if not isinstance(region_id, str):
            problems.append(
                problem("has no region id: give the feature an id, or properties.id, naming a region", ".id")
            )
            continue
        if region_id not in regions:
            hint = did_you_mean(region_id, regions) if regions else f" ({country.id}'s file lists no regions)"
            problems.append(problem(f"'{printable(region_id)}' matches no region of {country.id}{hint}", ".id"))
            continue
        if region_id in result.shapes:
            problems.append(problem(f"a second shape for the region '{region_id}'", ".id"))
            continue
        why = geometry_problem(feature.get("geometry"))
        if why is not None:
            problems.append(problem(why, ".geometry"))
            continue
        result.shapes[region_id] = feature["geometry"]
    return result, problems


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def geometry_problem(geometry: Any) -> str | None:
    """Why ``geometry`` is no (Multi)Polygon of longitude/latitude pairs, or None."""
    if not isinstance(geometry, dict) or geometry.get("type") not in _POLYGONS:
        return "the geometry must be a Polygon or MultiPolygon"
    polygons = geometry.get("coordinates")
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    if not isinstance(polygons, list) or not polygons:
        return "the geometry has no coordinates"
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            return "each polygon is a list of rings"
        for ring in polygon:
            if not isinstance(ring, list) or len(ring) < 4:
                return "each ring needs at least 4 positions (the first repeated at the end)"
            for position in ring:
                if not _is_position(position):
                    return f"{_short(position)} is not a [longitude, latitude] position"
    return None


def _is_position(value: Any) -> bool:
    if not isinstance(value, list) or len(value) < 2:
        return False
    lon, lat = value[0], value[1]
    numbers = all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in (lon, lat))
    return numbers and -180 <= lon <= 180 and -90 <= lat <= 90


def _short(value: Any) -> str:
    text = json.dumps(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _feature_places(text: str, count: int) -> list[tuple[int, int]]:
    """Line and column of each feature, found by decoding the features array item by item."""
    match = _FEATURES_RE.search(text)
    if match is None:
        return []
    decoder = json.JSONDecoder()
    places = []
    at = match.end()
    # Lines counted from the last place on, not from the start: a big file has thousands of features.
    line, line_start, counted = 1, 0, 0
    for _ in range(count):
        while at < len(text) and text[at] in " \t\r\n,":
            at += 1
        line += text.count("\n", counted, at)
        newline = text.rfind("\n", counted, at)
        line_start = newline + 1 if newline >= 0 else line_start
        counted = at
        places.append((line, at - line_start + 1))
        try:
            _, at = decoder.raw_decode(text, at)
        except ValueError:
            break
    return places
