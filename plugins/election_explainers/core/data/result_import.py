"""Turn a commission's results table into an election's result set.

A table has a header row somewhere near the top (titles above it are
skipped) naming a column of parties or candidates and columns of votes,
percent and seats, in English, Russian or Kazakh; ``--column`` names them
when the headers say something else. Each name is matched to an id through
the entities' ``name`` and ``other_names``, ignoring case, quotes and spacing,
or through a map file. Every problem is reported at once, at its cell.

Finding the columns is :mod:`.result_columns`' work, matching names
:mod:`.result_names`', reading figures :mod:`.result_figures`'; this module
puts each line together into the set.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from .dataset import Dataset
from .models import Election, ResultSet
from .problems import DataError, did_you_mean
from .result_columns import FIGURES, find_columns
from .result_figures import Figure, parse_count, parse_percent
from .result_names import NameIndex, Target, match_name, normalize_name
from .tables import Cell, Table

# A line whose name is one of these sums the others up: it is left out of the set, and said so.
_TOTAL_WORDS = {"total", "totals", "all", "итого", "всего", "барлығы", "жиыны", "барлыгы"}


@dataclass
class ImportRequest:
    election: str
    kind: str = "official"
    names: dict[str, Target] = field(default_factory=dict)  # normalized table name -> target (from --map)
    columns: dict[str, str] = field(default_factory=dict)  # role -> header text or column letter (from --column)
    source: dict[str, Any] = field(default_factory=dict)  # title, url, publisher, date
    date: str | None = None
    pollster: str | None = None
    tier: str | None = None  # which tier, area and round of the election the table counts
    area: str | None = None
    round: int | None = None

    @property
    def place(self) -> tuple[str, str | None, str | None, int | None]:
        """What the set is of: an election has at most one set per kind and place."""
        return (self.kind, self.tier, self.area, self.round)


def request_problems(request: ImportRequest, election: Election, dataset: Dataset) -> list[str]:
    """Why --tier, --area or --round do not fit the election, with the closest ids."""
    problems = []
    tiers = [t.id for t in election.tiers]
    if request.tier is not None and request.tier not in tiers:
        known = f"; its tiers are {', '.join(tiers)}" if tiers else " (it has no tiers)"
        problems.append(
            f"--tier: '{request.tier}' is not a tier of {election.id}{did_you_mean(request.tier, tiers)}{known}"
        )
    if request.area is not None:
        country = dataset.get(election.country)
        regions = [r.id for r in getattr(country, "regions", [])]
        areas = [c.id for c in election.constituencies] + regions
        if request.area not in areas:
            problems.append(
                f"--area: '{request.area}' is no constituency of {election.id} nor region of {election.country}"
                + did_you_mean(request.area, areas)
            )
    if request.round is not None and request.round < 1:
        problems.append("--round: rounds count from 1")
    return problems


@dataclass
class Imported:
    """A result set read from a table, and what was left out of it."""

    result_set: ResultSet
    fields: dict[str, Any]  # the set as it will be written: keys in order, numbers as the table showed them
    skipped: list[str] = field(default_factory=list)  # notes on lines left out


# ----------------------------------------------------------------------------- the set


def read_result_set(table: Table, request: ImportRequest, dataset: Dataset) -> Imported:
    """The result set a table holds for ``request.election``; raises :class:`DataError` with every problem."""
    election = dataset.get(request.election)
    assert isinstance(election, Election)
    header_index, columns, problems = find_columns(table, request.columns)
    if header_index < 0:
        raise DataError(problems)
    index = NameIndex.of(dataset, election)
    rows: list[dict[str, Any]] = []
    skipped: list[str] = []
    seen: dict[tuple[str | None, str | None, str | None], Cell] = {}
    for row in table.rows[header_index + 1 :]:
        cells = {cell.column: cell for cell in row}
        name_cell = cells.get(columns["name"])
        figures = {role: cells.get(columns[role]) for role in FIGURES if role in columns}
        if name_cell is None or not name_cell.text:
            if any(c is not None and c.text for c in figures.values()):
                line = next(c for c in figures.values() if c is not None and c.text).line
                skipped.append(f"line {line}: figures without a name")
            continue
        name = name_cell.text
        target = request.names.get(normalize_name(name))
        if target is None and normalize_name(name).rstrip(":") in _TOTAL_WORDS:
            skipped.append(f"line {name_cell.line}: {name!r} (a total)")
            continue
        parsed: dict[str, Figure] = {}
        for role, cell in figures.items():
            if cell is None:
                continue
            figure = parse_percent(cell) if role == "percent" else parse_count(cell)
            if isinstance(figure, str):
                problems.append(table.problem(cell, f"{role} of {name!r}: {figure}"))
            elif figure is not None:
                parsed[role] = figure
        if not parsed and not any(cell is not None and cell.text for cell in figures.values()):
            skipped.append(f"line {name_cell.line}: {name!r} (no figures)")
            continue
        if target is None:
            target, problem = match_name(table, name_cell, index, election)
            if problem is not None:
                problems.append(problem)
                continue
        assert target is not None
        if target.skip:
            skipped.append(f"line {name_cell.line}: {name!r} (skipped by the map)")
            continue
        key = (target.party, target.person, target.option)
        if key in seen:
            problems.append(
                table.problem(name_cell, f"{name!r} is the same as line {seen[key].line} ({seen[key].text!r})")
            )
            continue
        seen[key] = name_cell
        fields: dict[str, Any] = {
            k: v for k, v in (("party", target.party), ("person", target.person), ("option", target.option)) if v
        }
        fields.update({role: parsed[role] for role in FIGURES if role in parsed})
        rows.append(fields)
    if not rows and not problems:
        problems.append(table.problem(None, "no result lines found below the header row"))
    if problems:
        raise DataError(problems)
    fields = _set_fields(request, rows)
    try:
        result_set = ResultSet.model_validate(_plain(fields))
    except ValidationError as error:
        raise DataError([table.problem(None, f"{_where(e['loc'])}{e['msg']}") for e in error.errors()]) from None
    return Imported(result_set, fields, skipped)


def _where(loc: Iterable[Any]) -> str:
    parts = [str(p) for p in loc]
    return f"{'.'.join(parts)}: " if parts else ""


def _set_fields(request: ImportRequest, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The set's fields in the order the data format lists them."""
    fields: dict[str, Any] = {"kind": request.kind}
    for key in ("tier", "area", "round"):
        if getattr(request, key) is not None:
            fields[key] = getattr(request, key)
    if request.pollster:
        fields["pollster"] = request.pollster
    source = {k: request.source[k] for k in ("title", "url", "publisher", "date") if request.source.get(k)}
    if source:
        fields["source"] = source
    if request.date:
        fields["date"] = request.date
    fields["rows"] = rows
    return fields


def _plain(value: Any) -> Any:
    """Fields with figures as plain numbers and dates as text, for the models."""
    if isinstance(value, Figure):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
