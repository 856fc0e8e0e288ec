"""The data contract as pydantic models: one class per kind of entity.

pydantic checks types and unknown fields with positions we can map back to
the YAML, and gives us the JSON Schema editors' tools use, from one source.
Checks that need more than one file (references, seat totals against the
election) live in :mod:`.checks`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, ClassVar, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema

from .dates import PartialDate, in_period

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"  # for JSON Schema, where '$' is the very end
# fullmatch, not match: Python's '$' also matches before a final newline ("evil\n").
_ID_RE = re.compile(r"[a-z0-9][a-z0-9-]*")

# Upper bounds on every count: beyond them a number is a typo, and a seat
# chart draws one circle per seat, so an absurd count would never finish.
MAX_SEATS = 10_000
MAX_VOTES = 10_000_000_000  # votes, voters, population: more than the world's


def is_id(value: str) -> bool:
    return _ID_RE.fullmatch(value) is not None


def _check_id(value: str) -> str:
    if not is_id(value):
        raise ValueError(
            f"{value!r} is not an id: use lowercase letters, digits and '-', starting with a letter or digit"
        )
    return value


# The usual address, accepted without urlsplit (a tenth of the time; there are thousands).
_PLAIN_URL_RE = re.compile(r"https?://[^\s/?#\[\]@\\]+(?:[/?#]\S*)?")
_SPACE_OR_CONTROL_RE = re.compile(r"[\s\x00-\x1f\x7f]")


def _check_url(value: str) -> str:
    if _PLAIN_URL_RE.fullmatch(value):
        return value
    # urlsplit silently drops tabs and newlines: an address with any is refused, not cleaned.
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or _SPACE_OR_CONTROL_RE.search(value):
        raise ValueError(f"{value!r} is not a web address: it must start with http:// or https://")
    return value


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


Id = Annotated[str, AfterValidator(_check_id), WithJsonSchema({"type": "string", "pattern": ID_PATTERN})]
Url = Annotated[
    str, AfterValidator(_check_url), WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"})
]
Colour = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$", description="#rrggbb")]
# allow_inf_nan=False: YAML's .nan would pass every comparison, .inf every sum.
Percent = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
Seats = Annotated[int, Field(ge=0, le=MAX_SEATS)]
Votes = Annotated[int, Field(ge=0, le=MAX_VOTES)]
Markdown = Annotated[str, Field(description="Markdown; [[id]] and [[id|text]] link to entities")]
Date = Annotated[
    PartialDate,
    PlainValidator(PartialDate.parse),
    PlainSerializer(str),
    WithJsonSchema(
        {
            "description": "YYYY, YYYY-MM or YYYY-MM-DD",
            "anyOf": [
                {"type": "string", "pattern": r"^(?!0000)[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
        }
    ),
]
IdList = Annotated[
    list[Id],
    BeforeValidator(_one_or_many),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": ID_PATTERN},
                {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}},
            ]
        }
    ),
]


class Model(BaseModel):
    # Strict: a quoted "76" is not a seat count; unknown fields are typos.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class OtherName(Model):
    name: str
    lang: str | None = None
    start_date: Date | None = None
    end_date: Date | None = None
    note: str | None = None

    @property
    def is_rename(self) -> bool:
        return self.lang is None and (self.start_date is not None or self.end_date is not None)


class Source(Model):
    title: str
    url: Url | None = None
    publisher: str | None = None
    date: Date | None = None


class Event(Model):
    date: Date
    end_date: Date | None = None
    title: str
    text: Markdown | None = None
    about: IdList = []
    sources: list[Source] = []


class Record(Model):
    """Fields every kind shares. ``id`` and ``file`` come from the file, not its fields."""

    kind: ClassVar[str]
    folder: ClassVar[str]

    id: SkipJsonSchema[str] = ""
    file: SkipJsonSchema[str] = ""
    other_names: list[OtherName] = []
    summary: Markdown | None = None
    sources: list[Source] = []
    events: list[Event] = []
    tags: list[str] = []

    @property
    def date_of_record(self) -> PartialDate | None:
        """The date that places this record in time, if it has one."""
        return None

    def name_on(self, day: dt.date | PartialDate | None) -> str:
        """The name valid on ``day``: dated ``other_names`` entries are renames."""
        name: str = self.name  # type: ignore[attr-defined]
        if day is None:
            return name
        if isinstance(day, PartialDate):
            day = day.last_day()
        for other in self.other_names:
            if other.is_rename and in_period(day, other.start_date, other.end_date):
                return other.name
        return name


class Entity(Record):
    """A country, party, person or election: named things with a page of their own."""

    name: str


class Chamber(Model):
    id: Id
    name: str
    seats: Seats | None = None


class CapitalName(Model):
    """One name of the capital over a period (extension): a move or a rename."""

    name: str
    start_date: Date | None = None
    end_date: Date | None = None
    note: str | None = None


def _name_or_names(value: Any) -> Any:
    return [{"name": value}] if isinstance(value, str) else value


# A plain name (the contract) is one term without dates: true whatever the date.
Capital = Annotated[
    list[CapitalName],
    BeforeValidator(_name_or_names),
    WithJsonSchema(
        {
            "description": "the capital's name, or (extension) its names over time: [{name, start_date?, end_date?}]",
            "anyOf": [
                {"type": "string"},
                {"type": "array", "items": CapitalName.model_json_schema(mode="validation")},
            ],
        }
    ),
]


class Country(Entity):
    kind: ClassVar[str] = "country"
    folder: ClassVar[str] = "countries"

    iso_code: Annotated[str, Field(pattern=r"^[A-Za-z]{2}$")] | None = None
    region: str | None = None
    capital: Capital | None = None
    population: Votes | None = None
    chambers: list[Chamber] = []

    def chamber(self, chamber_id: str | None) -> Chamber | None:
        return next((c for c in self.chambers if c.id == chamber_id), None)

    def capital_on(self, date: PartialDate | None) -> str | None:
        """The capital's name on ``date`` (a plain ``capital`` is taken as always true); for ``None``, the latest."""
        if not self.capital:
            return None
        terms = sorted(self.capital, key=lambda c: c.start_date.sort_key if c.start_date else (0, 0, 0))
        if date is not None:
            day = date.last_day()
            terms = [c for c in terms if in_period(day, c.start_date, c.end_date)]
        return terms[-1].name if terms else None


class Leader(Model):
    person: Id
    role: str | None = None
    start_date: Date | None = None
    end_date: Date | None = None


class Party(Entity):
    kind: ClassVar[str] = "party"
    folder: ClassVar[str] = "parties"

    country: Id | None = None
    founded: Date | None = None
    dissolved: Date | None = None
    colour: Colour | None = None
    ideology: list[str] = []
    position: str | None = None
    leaders: list[Leader] = []
    predecessor: IdList = []
    successor: IdList = []

    @property
    def date_of_record(self) -> PartialDate | None:
        return self.founded

    @model_validator(mode="after")
    def _colour_not_lost_to_a_comment(self) -> Party:
        if "colour" in self.model_fields_set and self.colour is None:
            raise ValueError('colour is empty: quote it, colour: "#1f5fa8" (an unquoted # starts a comment)')
        return self


class Role(Model):
    title: str
    party: Id | None = None
    start_date: Date | None = None
    end_date: Date | None = None


class Person(Entity):
    kind: ClassVar[str] = "person"
    folder: ClassVar[str] = "people"

    country: Id | None = None
    birth_date: Date | None = None
    roles: list[Role] = []


# Literals, not enums: strict mode accepts a plain string for a Literal.
ElectionType = Literal["legislative", "presidential", "referendum", "local"]
Status = Literal["held", "scheduled", "annulled"]
ResultKind = Literal["official", "preliminary", "exit_poll", "poll"]


class Row(Model):
    party: Id | None = None
    person: Id | None = None
    option: str | None = None
    votes: Votes | None = None
    percent: Percent | None = None
    seats: Seats | None = None

    @model_validator(mode="after")
    def _names_one_choice(self) -> Row:
        named = [field for field in ("party", "person", "option") if getattr(self, field) is not None]
        if named not in (["party"], ["person"], ["option"], ["party", "person"]):
            raise ValueError("a row names exactly one of party, person or option (a candidate may add party)")
        return self


class ResultSet(Model):
    kind: ResultKind
    source: Source | None = None
    date: Date | None = None
    pollster: str | None = None
    rows: list[Row]


class Election(Entity):
    kind: ClassVar[str] = "election"
    folder: ClassVar[str] = "elections"

    country: Id
    date: Date
    type: ElectionType
    chamber: Id | None = None
    seats: Seats | None = None
    seats_contested: Seats | None = None
    threshold: Percent | None = None
    registered_voters: Votes | None = None
    votes_cast: Votes | None = Field(None, description="ballots cast (extension)")
    turnout: Percent | None = None
    status: Status = "held"
    results: list[ResultSet] = []

    @property
    def date_of_record(self) -> PartialDate | None:
        return self.date


class Story(Record):
    kind: ClassVar[str] = "story"
    folder: ClassVar[str] = "stories"

    title: str
    date: Date
    url: Url | None = None
    body: Markdown | None = None
    byline: str | None = None
    section: str | None = None
    about: IdList = []

    @model_validator(mode="after")
    def _has_url_or_body(self) -> Story:
        if self.url is None and self.body is None:
            raise ValueError("a story needs a 'url' (external article) or a 'body' (published here)")
        return self

    @property
    def name(self) -> str:
        return self.title

    @property
    def date_of_record(self) -> PartialDate | None:
        return self.date


KINDS: tuple[type[Record], ...] = (Country, Party, Person, Election, Story)
KIND_BY_FOLDER: dict[str, type[Record]] = {kind.folder: kind for kind in KINDS}
