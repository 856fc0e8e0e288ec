"""Turn a commission's results table into an election's result set.

A table has a header row somewhere near the top (titles above it are
skipped) naming a column of parties or candidates and columns of votes,
percent and seats, in English, Russian or Kazakh; ``--column`` names them
when the headers say something else. Each name is matched to an id through
the entities' ``name`` and ``other_names``, ignoring case, quotes and spacing,
or through a map file. Every problem is reported at once, at its cell.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .dataset import Dataset
from .models import Election, Party, Person, ResultSet, Row
from .problems import DataError, Problem, did_you_mean
from .tables import Cell, Table
from .yamlfile import YamlFile, decode, parse_yaml

ROLES = ("name", "votes", "percent", "seats")
FIGURES = ("votes", "percent", "seats")

# Words in a header that say what the column holds, checked in this order ("% of votes" is a percent,
# "number of mandates" seats). Stems, so that Russian and Kazakh endings match too.
_HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "percent": ("%", "percent", "per cent", "share", "процент", "пайыз", "үлес"),
    "seats": ("seat", "mandate", "мандат", "мест", "орын"),
    "votes": ("vote", "голос", "дауыс"),
    "name": ("party", "parties", "name", "candidate", "list", "option", "парти", "наименован", "назван", "кандидат",
             "список", "атау", "үміткер"),
}  # fmt: skip
# A line whose name is one of these sums the others up: it is left out of the set, and said so.
_TOTAL_WORDS = {"total", "totals", "all", "итого", "всего", "барлығы", "жиыны", "барлыгы"}
# How far down the header row may be: commissions put a title, a date and a blank line above it.
_HEADER_SEARCH_ROWS = 30

_QUOTES = "\"'`´«»„“”‘’‚‹›「」"
_DASHES = "‐‑‒–—―−"
_SPACES_IN_NUMBERS = " \u00a0\u202f\u2009'"
_EMPTY = {"", "-", "–", "—", "−"}


def normalize_name(text: str) -> str:
    """How names are compared: case, quotes, dashes and spacing don't count."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    text = text.translate({ord(q): None for q in _QUOTES}).translate({ord(d): "-" for d in _DASHES})
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class Target:
    """What a table's line becomes: a party, a candidate (with a party), an option, or nothing (skip)."""

    party: str | None = None
    person: str | None = None
    option: str | None = None

    @property
    def skip(self) -> bool:
        return self.party is None and self.person is None and self.option is None


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


# ----------------------------------------------------------------------------- columns


def _role_of(header: str) -> str | None:
    text = normalize_name(header)
    if not text:
        return None
    for role, words in _HEADER_WORDS.items():
        if any(word in text for word in words):
            return role
    return None


def _find_columns(table: Table, chosen: Mapping[str, str]) -> tuple[int, dict[str, int], list[Problem]]:
    """The header row's index and the column number of each role found in it."""
    for index, row in enumerate(table.rows[:_HEADER_SEARCH_ROWS]):
        if sum(1 for cell in row if cell.text) < 2:
            continue  # a title or a blank line: a header names at least two columns
        columns, problems = _columns_in(table, row, chosen)
        if "name" in columns and any(role in columns for role in FIGURES):
            return index, columns, problems
    listed = ", ".join(f"{role} ({', '.join(repr(w) for w in words[:4])} ...)" for role, words in _HEADER_WORDS.items())
    message = (
        "no header row found: the table needs a column of names and at least one of votes, percent or seats, "
        f"with headers such as {listed}; or name the columns with --column name=HEADER"
    )
    return -1, {}, [table.problem(None, message)]


def _columns_in(table: Table, row: list[Cell], chosen: Mapping[str, str]) -> tuple[dict[str, int], list[Problem]]:
    columns: dict[str, int] = {}
    problems: list[Problem] = []
    by_header = {normalize_name(cell.text): cell for cell in row if cell.text}
    for role, wanted in chosen.items():
        cell = by_header.get(normalize_name(wanted))
        if cell is not None:
            columns[role] = cell.column
        elif re.fullmatch(r"[A-Za-z]{1,3}", wanted):
            columns[role] = _column_number(wanted.upper())
    candidates: dict[str, list[Cell]] = {}
    for cell in row:
        guessed = _role_of(cell.text)
        if guessed is not None and guessed not in chosen and cell.column not in columns.values():
            candidates.setdefault(guessed, []).append(cell)
    for role, cells in candidates.items():
        columns[role] = cells[0].column
        if len(cells) > 1:
            which = " and ".join(f"{c.ref} ({c.text!r})" for c in cells)
            problems.append(
                table.problem(
                    cells[1], f"two columns could hold the {role}: {which}; choose with --column {role}=HEADER"
                )
            )
    return columns, problems


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


# ----------------------------------------------------------------------------- names


@dataclass
class NameIndex:
    """Every name (and id) of the parties and people an election's table may list."""

    targets: dict[str, set[tuple[str, str]]] = field(default_factory=dict)  # normalized -> {(kind, id)}
    shown: dict[str, str] = field(default_factory=dict)  # normalized -> a name as written in the data

    @classmethod
    def of(cls, dataset: Dataset, election: Election) -> NameIndex:
        index = cls()
        candidates: list[Party | Person] = [*dataset.parties, *dataset.people]
        for record in candidates:
            if record.country not in (None, election.country):
                continue
            for name in (record.name, *(other.name for other in record.other_names), record.id):
                key = normalize_name(name)
                index.targets.setdefault(key, set()).add((record.kind, record.id))
                index.shown.setdefault(key, name)
        return index

    def suggest(self, name: str) -> str:
        close = difflib.get_close_matches(normalize_name(name), list(self.targets), n=6, cutoff=0.6)
        listed: list[str] = []
        named: set[str] = set()
        for key in close:  # one name per entity: its closest
            ids = ", ".join(sorted(i for _, i in self.targets[key]))
            if ids not in named and len(listed) < 3:
                named.add(ids)
                listed.append(f"'{self.shown[key]}' ({ids})")
        if not listed:
            return ""
        return (
            "; did you mean " + (listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " or " + listed[-1]) + "?"
        )


def read_name_map(path: Path, shown: str, dataset: Dataset) -> tuple[dict[str, Target], list[Problem]]:
    """A ``--map`` file: ``Spreadsheet name: id``, ``Name: {option: text}``, or ``Name:`` (empty) to skip."""
    text, problems = decode(shown, path.read_bytes())
    if text is None:
        return {}, problems
    source, problems = parse_yaml(shown, text)
    if source is None:
        return {}, problems
    if source.data is None:
        return {}, []
    if not isinstance(source.data, dict):
        return {}, [source.problem((), "a name map is a mapping: spreadsheet name: id")]
    names: dict[str, Target] = {}
    for key, value in source.data.items():
        target, problem = _map_target(source, str(key), value, dataset)
        if problem is not None:
            problems.append(problem)
        elif target is not None:
            names[normalize_name(str(key))] = target
    return names, problems


def _map_target(source: YamlFile, key: str, value: Any, dataset: Dataset) -> tuple[Target | None, Problem | None]:
    if value is None:
        return Target(), None
    if isinstance(value, str):
        kind = dataset.known.get(value)
        if kind is Party:
            return Target(party=value), None
        if kind is Person:
            return Target(person=value), None
        if kind is not None:
            return None, source.problem((key,), f"'{value}' is a {kind.kind}, not a party or person")
        ids = [i for i, k in dataset.known.items() if k in (Party, Person)]
        return None, source.problem((key,), f"unknown party or person '{value}'{did_you_mean(value, ids)}")
    if isinstance(value, dict) and set(value) <= {"party", "person", "option"} and value:
        try:
            row = Row.model_validate({k: v for k, v in value.items()})
        except ValidationError as error:
            return None, source.problem((key,), error.errors()[0]["msg"])
        for role, kind in (("party", Party), ("person", Person)):
            wanted = getattr(row, role)
            if wanted is not None and dataset.known.get(wanted) is not kind:
                return None, source.problem((key, role), f"unknown {kind.kind} '{wanted}'")
        return Target(row.party, row.person, row.option), None
    return None, source.problem(
        (key,), "map a name to an id, to {option: text}, to {person: id, party: id}, or to nothing (skip the line)"
    )


# ----------------------------------------------------------------------------- numbers


@dataclass(frozen=True, slots=True)
class Figure:
    value: int | float
    text: str  # as the table showed it, normalized: "9.10" keeps its two decimals in the YAML


def parse_count(cell: Cell) -> Figure | str | None:
    """A whole number (votes, seats), or a message; ``None`` for an empty cell."""
    value = cell.value
    if isinstance(value, bool):
        return "expected a whole number"
    if isinstance(value, int):
        return Figure(value, str(value))
    if isinstance(value, float):
        return Figure(int(value), str(int(value))) if value.is_integer() else f"expected a whole number, got {value}"
    text = cell.text
    if text in _EMPTY or value is None:
        return None
    digits = text.translate({ord(c): None for c in _SPACES_IN_NUMBERS})
    if re.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,3}(?:\.[0-9]{3})+", digits):
        digits = digits.replace(",", "").replace(".", "")  # thousands separators
    if re.fullmatch(r"[0-9]+", digits):
        return Figure(int(digits), str(int(digits)))
    return f"expected a whole number, got '{text}'"


def parse_percent(cell: Cell) -> Figure | str | None:
    """A percentage (``71.09``, ``71,09``, ``71.09 %``; a sheet's 0.7109 shown as 71.09%), or a message."""
    value = cell.value
    if isinstance(value, bool):
        return "expected a percentage"
    if isinstance(value, (int, float)):
        shown_as_percent = "%" in cell.number_format
        number = float(value) * 100 if shown_as_percent else float(value)
        decimals = _decimals_of(cell.number_format)
        text = f"{number:.{decimals}f}" if decimals is not None else repr(round(number, 6)).removesuffix(".0")
        return _percent_figure(text)
    text = cell.text
    if text in _EMPTY or value is None:
        return None
    plain = text.translate({ord(c): None for c in _SPACES_IN_NUMBERS}).removesuffix("%").replace(",", ".")
    if not re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", plain):
        return f"expected a percentage, got '{text}'"
    return _percent_figure(plain)


def _percent_figure(text: str) -> Figure:
    number = float(text)
    return Figure(int(number) if "." not in text else number, text)


def _decimals_of(number_format: str) -> int | None:
    """Decimals a sheet shows: ``0.00%`` → 2, ``#,##0`` → 0; ``General`` → None (not fixed)."""
    first = number_format.split(";")[0]
    match = re.search(r"0(?:\.(0+))?%?\s*$", first.replace('"', ""))
    if match is None:
        return None
    return len(match.group(1) or "")


# ----------------------------------------------------------------------------- the set


def read_result_set(table: Table, request: ImportRequest, dataset: Dataset) -> Imported:
    """The result set a table holds for ``request.election``; raises :class:`DataError` with every problem."""
    election = dataset.get(request.election)
    assert isinstance(election, Election)
    header_index, columns, problems = _find_columns(table, request.columns)
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
            target, problem = _match(table, name_cell, index, election)
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


def _match(table: Table, cell: Cell, index: NameIndex, election: Election) -> tuple[Target | None, Problem | None]:
    found = index.targets.get(normalize_name(cell.text), set())
    if len(found) == 1:
        kind, entity_id = next(iter(found))
        return (Target(party=entity_id) if kind == "party" else Target(person=entity_id)), None
    if len(found) > 1:
        ids = " and ".join(sorted(i for _, i in found))
        return None, table.problem(cell, f"{cell.text!r} could be {ids}; say which in the --map file")
    message = (
        f"{cell.text!r} matches no party or person of {election.country} (add the name to their other_names, "
        f"or map it in a --map file){index.suggest(cell.text)}"
    )
    return None, table.problem(cell, message)


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
