"""How a results table's names become ids: names compared without case, quotes or spacing, matched
through the entities' ``name`` and ``other_names``, or through a ``--map`` file."""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .dataset import Dataset
from .models import Election, Party, Person, Row
from .problems import Problem, did_you_mean
from .tables import Cell, Table
from .yamlfile import YamlFile, decode, parse_yaml

_QUOTES = "\"'`´«»„“”‘’‚‹›「」"
_DASHES = "‐‑‒–—―−"


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


def match_name(table: Table, cell: Cell, index: NameIndex, election: Election) -> tuple[Target | None, Problem | None]:
    """The party or person a table's name cell names, or the problem: no name matches, or several do."""
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
