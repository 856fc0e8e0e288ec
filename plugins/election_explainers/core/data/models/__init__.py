"""The data contract as pydantic models: one class per kind of entity.

pydantic checks types and unknown fields with positions we can map back to
the YAML, and gives us the JSON Schema editors' tools use, from one source.
Checks that need more than one file (references, seat totals against the
election) live in :mod:`..checks`.
"""

from __future__ import annotations

from .common import (
    ID_PATTERN,
    MAX_SEATS,
    MAX_VOTES,
    TIMESTAMP_EXAMPLE,
    Colour,
    Date,
    Id,
    IdList,
    LanguageCode,
    Markdown,
    Model,
    Percent,
    Seats,
    Timestamp,
    Url,
    Votes,
    described,
    example,
    is_id,
    parse_timestamp,
)
from .election import Alliance, Basis, Constituency, Election, ElectionType, ResultKind, ResultSet, Row, Status, Tier
from .entities import Capital, CapitalName, Chamber, Country, Leader, Party, Person, Region, Role
from .parts import IMAGE_SUFFIXES, Event, Image, OtherName, Source, Unit
from .record import Entity, Record
from .story import Story

KINDS: tuple[type[Record], ...] = (Country, Party, Person, Election, Story)
KIND_BY_FOLDER: dict[str, type[Record]] = {kind.folder: kind for kind in KINDS}

__all__ = [
    "ID_PATTERN",
    "IMAGE_SUFFIXES",
    "KINDS",
    "KIND_BY_FOLDER",
    "MAX_SEATS",
    "MAX_VOTES",
    "TIMESTAMP_EXAMPLE",
    "Alliance",
    "Basis",
    "Capital",
    "CapitalName",
    "Chamber",
    "Colour",
    "Constituency",
    "Country",
    "Date",
    "Election",
    "ElectionType",
    "Entity",
    "Event",
    "Id",
    "IdList",
    "Image",
    "LanguageCode",
    "Leader",
    "Markdown",
    "Model",
    "OtherName",
    "Party",
    "Percent",
    "Person",
    "Record",
    "Region",
    "ResultKind",
    "ResultSet",
    "Role",
    "Row",
    "Seats",
    "Source",
    "Status",
    "Story",
    "Tier",
    "Timestamp",
    "Unit",
    "Url",
    "Votes",
    "described",
    "example",
    "is_id",
    "parse_timestamp",
]
