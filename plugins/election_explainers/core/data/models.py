"""The data contract as pydantic models: one class per kind of entity.

pydantic checks types and unknown fields with positions we can map back to
the YAML, and gives us the JSON Schema editors' tools use, from one source.
Checks that need more than one file (references, seat totals against the
election) live in :mod:`.checks`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema

from .dates import PartialDate, in_period
from .langtags import BCP47_PATTERN, language_code_problem
from .text import FreeText, MarkdownText, Text

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
# Free text is one string (the default language) or a mapping by language; see .text.
# contentMediaType tells editors' tools (and the field reference) that the text is Markdown.
Markdown = Annotated[MarkdownText, Field(description="Markdown; [[id]] and [[id|text]] link to entities")]
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
# A time in the count needs its offset: "23:40" alone is a different moment in every time zone.
_OFFSET_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})$"
TIMESTAMP_EXAMPLE = "2023-03-19T23:40:00+06:00"


def parse_timestamp(value: Any) -> dt.datetime:
    """A date-time with its UTC offset, from YAML text (quoted) or a datetime (PyYAML or ruamel, unquoted)."""
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{value!r} is not a date and time: write it as {TIMESTAMP_EXAMPLE}") from None
    else:
        raise ValueError(f"expected a date and time with its UTC offset, such as {TIMESTAMP_EXAMPLE}")
    if moment.utcoffset() is None:
        raise ValueError(
            f"{value if isinstance(value, str) else moment.isoformat()} has no UTC offset: add the offset of the clock that read it, as in {TIMESTAMP_EXAMPLE} "
            "(or Z for UTC)"
        )
    # A plain datetime: ruamel's TimeStamp subclass carries layout that must not travel with the value.
    return dt.datetime.fromisoformat(moment.isoformat())


Timestamp = Annotated[
    dt.datetime,
    PlainValidator(parse_timestamp),
    PlainSerializer(lambda moment: moment.isoformat()),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date-time",
            "pattern": _OFFSET_PATTERN,
            "description": "YYYY-MM-DDTHH:MM[:SS] and the UTC offset (+06:00, or Z)",
        }
    ),
]


def _check_language(value: str) -> str:
    why = language_code_problem(value)
    if why is not None:
        raise ValueError(why)
    return value


LanguageCode = Annotated[
    str, AfterValidator(_check_language), WithJsonSchema({"type": "string", "pattern": BCP47_PATTERN})
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


def described(description: str, example: Any, default: Any = ..., **constraints: Any) -> Any:
    """A field with its description and an example, for editors' tools and the field reference.

    Written for the journalists who edit the data: the guide's field
    reference (docs/guide/fields.md) is generated from these.
    """
    return Field(default, description=description, examples=[example], **constraints)


def example(value: dict[str, Any]) -> ConfigDict:
    """A whole entry as an editor would write it: for editors' tools and the guide's field reference."""
    return ConfigDict(json_schema_extra={"examples": [value]})


class OtherName(Model):
    """Another name: a translation, a short name, or a former or later name (a rename, when dated)."""

    model_config = example({"name": "Amanat", "start_date": "2022-03-01", "note": "New name for the same party."})

    name: str = described("The other name, as it is written.", "Amanat")
    lang: LanguageCode | None = described(
        "Language code when the name is a translation (kk for Kazakh, ru for Russian); leave it out otherwise.",
        "kk",
        None,
    )
    start_date: Date | None = described("For a rename: the day the entity started using this name.", "2022-03-01", None)
    end_date: Date | None = described("For a former name: when the entity stopped using it.", "2020-11", None)
    note: str | None = described("A short note for readers, such as why the name changed.", "Short name.", None)

    @property
    def is_rename(self) -> bool:
        return self.lang is None and (self.start_date is not None or self.end_date is not None)


class Source(Model):
    """Where a fact comes from."""

    title: str = described("The title of the article, report or table.", "Kazakh parliamentary election: final results")
    url: Url | None = described(
        "Its web address, starting with http:// or https://.", "https://news.example.org/2021/01/12/results", None
    )
    publisher: str | None = described(
        "Who published it: a news outlet, a commission, an agency.", "The Astana Times", None
    )
    date: Date | None = described("When it was published.", "2021-01-12", None)


# -- images (photos, portraits, logos): see core/data/images.py for the checks on the file itself --

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
"""The image files data/images/ may hold: JPEG, PNG or WebP (SVG is refused: it can carry scripts)."""

Unit = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]


class Image(Model):
    """A photo, portrait or logo: a file in data/images/ with the words that go with it."""

    model_config = example(
        {
            "file": "kz-2021-almaty-polling.jpg",
            "alt": "An election official in protective gear checks voter lists",
            "caption": "A local electoral commission member checks lists in Almaty, 10 January 2021.",
            "credit": "AFP",
            "licence": "All rights reserved",
            "focus": [0.5, 0.3],
        }
    )

    file: str = described(
        "The image's file name in data/images/ (sub-folders allowed): a JPEG, PNG or WebP.",
        "kz-2021-almaty-polling.jpg",
    )
    alt: FreeText = described(
        "What the image shows, for readers who cannot see it (required; not the file name).",
        "An election official in protective gear checks voter lists",
    )
    caption: FreeText | None = described(
        "The caption shown under the image.", "A local electoral commission member checks lists in Almaty.", None
    )
    credit: str | None = described("Who made it or owns it: a photographer, an agency.", "AFP", None)
    licence: str | None = described("The terms it is published under.", "CC BY 4.0", None)
    source_url: Url | None = described("Where the image comes from.", "https://images.example.org/almaty", None)
    focus: Annotated[list[Unit], Field(min_length=2, max_length=2)] | None = described(
        "The point to keep when the image is cropped, as [across, down], each from 0 to 1 ([0.5, 0.5] is the centre).",
        [0.5, 0.3],
        None,
    )

    @field_validator("file")
    @classmethod
    def _plain_file_name(cls, value: str) -> str:
        if _SPACE_OR_CONTROL_RE.search(value.replace(" ", "")):
            raise ValueError(f"{value!r} is not a file name: it holds a tab, newline or control character")
        parts = value.replace("\\", "/").split("/")
        if value.startswith("/") or any(part in ("", ".", "..") for part in parts):
            raise ValueError(f"{value!r} is not a file name in data/images/: no leading '/', '..' or empty parts")
        if value.lower().endswith((".svg", ".svgz")):
            raise ValueError("SVG images are not accepted (an SVG can carry scripts): export it as PNG")
        if not value.lower().endswith(IMAGE_SUFFIXES):
            raise ValueError(f"{value!r} is not a JPEG, PNG or WebP file (.jpg, .jpeg, .png or .webp)")
        return value

    @field_validator("alt")
    @classmethod
    def _alt_says_something(cls, value: str, info: ValidationInfo) -> str:
        if not value.strip():
            raise ValueError("alt is empty: say what the image shows, for readers who cannot see it")
        file = info.data.get("file")
        if isinstance(file, str) and _bare(value) in {_bare(file), _bare(file.rsplit("/", 1)[-1].rsplit(".", 1)[0])}:
            raise ValueError("alt is just the file name: say what the image shows, for readers who cannot see it")
        return value

    @property
    def focus_point(self) -> tuple[float, float]:
        return (self.focus[0], self.focus[1]) if self.focus else (0.5, 0.5)


def _bare(text: str) -> str:
    """Text without case, separators or spaces: 'Almaty_polling.JPG' and 'almaty polling jpg' are the same."""
    return re.sub(r"[\W_]+", "", text.casefold())


class Event(Model):
    """Something that happened, for the timelines."""

    date: Date = described("When it happened, as precisely as the source says.", "2021-01-10")
    end_date: Date | None = described("When it ended, for something that lasted more than a day.", "2021-01-11", None)
    title: FreeText = described(
        "What happened, in one line: the timeline shows it as a heading.", "Riot police cordon protesters in Almaty"
    )
    text: Markdown | None = described(
        "More about it, in a sentence or two of Markdown.",
        "Dozens of activists are detained; [[zhanbolat-mamay]] says dozens of members were arrested.",
        None,
    )
    about: IdList = described(
        "Ids of the others it concerns; the event shows on their timelines too. The entity whose file holds it is included by itself.",
        ["zhanbolat-mamay"],
        [],
    )
    sources: list[Source] = described(
        "Where the facts come from.",
        [
            {
                "title": "Kazakhstan Ruling Party Dominates Opposition-Free Vote",
                "publisher": "Voice of America / AFP",
                "date": "2021-01-10",
            }
        ],
        [],
    )
    image: Image | None = described(
        "A picture of what happened, with its alt text, caption and credit.",
        {"file": "almaty-protest.jpg", "alt": "Riot police stand in a line across a snowy square"},
        None,
    )


class Record(Model):
    """Fields every kind shares. ``id`` and ``file`` come from the file, not its fields."""

    kind: ClassVar[str]
    folder: ClassVar[str]

    id: SkipJsonSchema[str] = ""
    file: SkipJsonSchema[str] = ""
    other_names: list[OtherName] = described(
        "Every other name it goes by: translations, short names, former or later names. A dated entry is a rename.",
        [{"name": "Amanat", "start_date": "2022-03-01", "note": "New name for the same party."}],
        [],
    )
    summary: Markdown | None = described(
        "A few sentences of Markdown shown on its page and in lists; [[id]] links to other entities.",
        "Kazakhstan's ruling party, set up in 1999 with [[nursultan-nazarbayev]] as its chairman.",
        None,
    )
    sources: list[Source] = described(
        "Where the facts in the file come from.",
        [
            {
                "title": "Kazakh parliamentary election: final results",
                "publisher": "The Astana Times",
                "date": "2021-01-12",
            }
        ],
        [],
    )
    events: list[Event] = described(
        "Things that happened, for its timeline and the site's.",
        [{"date": "2021-01-11", "title": "Assembly of the People elects 9 deputies"}],
        [],
    )
    tags: list[str] = described(
        "Free topics; stories and pages that share a tag count as related.", ["elections", "human-rights"], []
    )
    image: Image | None = described(
        "Its picture: a story's lead photo, a person's portrait, a party's logo; also its social card.",
        {"file": "nur-otan-logo.png", "alt": "The Nur Otan logo: a blue circle around a yellow sun"},
        None,
    )

    @property
    def date_of_record(self) -> PartialDate | None:
        """The date that places this record in time, if it has one."""
        return None

    if TYPE_CHECKING:
        # Every record has a name: an entity's is a field (Entity.name), a story's its title (a property).
        # Declared for the type checker only: a field here would make pydantic ask a story for one.
        @property
        def name(self) -> str: ...

    def name_on(self, day: dt.date | PartialDate | None) -> str:
        """The name valid on ``day``: dated ``other_names`` entries are renames."""
        name = self.name
        if day is None:
            return name
        if isinstance(day, PartialDate):
            day = day.last_day()
        for other in self.other_names:
            if other.is_rename and in_period(day, other.start_date, other.end_date):
                return other.name
        return name

    def name_in(
        self, lang: str, day: dt.date | PartialDate | None = None, default_language: str | None = None
    ) -> tuple[str, str | None]:
        """The name in ``lang`` valid on ``day``, and the language it is actually in.

        Renames keep their dates in every language: a dated ``lang`` entry
        valid on ``day`` wins; else, while a default-language rename is in
        force, that rename (untranslated: ``default_language`` is returned);
        else the undated ``lang`` entry, the translation of the main name;
        else the default name.
        """
        default = self.name_on(day)
        if lang == default_language:
            return default, lang
        entries = [other for other in self.other_names if other.lang == lang]
        if not entries:
            return default, default_language
        undated = [o for o in entries if o.start_date is None and o.end_date is None]
        if day is None:
            return (undated[0].name, lang) if undated else (default, default_language)
        last = day.last_day() if isinstance(day, PartialDate) else day
        dated = [o for o in entries if o not in undated and in_period(last, o.start_date, o.end_date)]
        if dated:
            latest = max(dated, key=lambda o: o.start_date.sort_key if o.start_date else (0, 0, 0))
            return latest.name, lang
        if default != self.name_on(None):  # a default-language rename in force, with no translation of it
            return default, default_language
        return (undated[0].name, lang) if undated else (default, default_language)


class Entity(Record):
    """A country, party, person or election: named things with a page of their own."""

    name: str = described(
        "Its main name, shown wherever no other name applies; translations, short names and renames go in other_names.",
        "Nur Otan",
    )


class Chamber(Model):
    """A house of parliament."""

    id: Id = described("An id for the chamber, used by elections' chamber field.", "mazhilis")
    name: str = described("Its name.", "Mazhilis")
    seats: Seats | None = described("How many seats it has.", 107, None)


class CapitalName(Model):
    """One name of the capital over a period (extension): a move or a rename."""

    model_config = example({"name": "Nur-Sultan", "start_date": "2019-03", "end_date": "2022-09"})

    name: str = described("The capital's name in this period.", "Nur-Sultan")
    start_date: Date | None = described(
        "When the capital took this name (or moved here); leave it out for the first.", "2019-03", None
    )
    end_date: Date | None = described("When the name ended; leave it out for the name in use now.", "2022-09", None)
    note: str | None = described(
        "A short note for readers, such as why it changed.", "Renamed in honour of Nazarbayev.", None
    )


class Region(Model):
    """A first-level division of a country (extension): a region, a city with region status, a province."""

    model_config = example(
        {
            "id": "almaty-city",
            "name": "Almaty",
            "kind": "city",
            "tile": [4, 9],
            "other_names": [{"name": "Алматы", "lang": "kk"}],
        }
    )

    id: Id = described(
        "An id for the region, unique within the country; elections' area and constituencies name it.", "almaty-city"
    )
    name: str = described("Its name.", "Almaty")
    other_names: list[OtherName] = described("Translations and former names.", [{"name": "Алматы", "lang": "kk"}], [])
    kind: str | None = described("What kind of division it is, in a word: region, city, province.", "city", None)
    tile: Annotated[list[Annotated[int, Field(ge=0, le=99)]], Field(min_length=2, max_length=2)] | None = described(
        "Its place on the country's tile map: [row, column], counted from 0 at the top left.", [4, 9], None
    )
    start_date: Date | None = described(
        "When the division was created, if after the first election shown.", "2022-06", None
    )
    end_date: Date | None = described("When it was abolished or merged away.", "2022-06", None)


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
    model_config = example(
        {
            "name": "Kazakhstan",
            "other_names": [{"name": "Қазақстан", "lang": "kk"}, {"name": "Казахстан", "lang": "ru"}],
            "iso_code": "KZ",
            "region": "Central Asia",
            "capital": "Nur-Sultan",
            "population": 19000000,
            "chambers": [{"id": "mazhilis", "name": "Mazhilis", "seats": 107}, {"id": "senate", "name": "Senate"}],
            "summary": "A former Soviet republic of about 19 million people.",
        }
    )

    iso_code: Annotated[str, Field(pattern=r"^[A-Za-z]{2}$")] | None = described(
        "The two-letter country code.", "KZ", None
    )
    region: str | None = described("The part of the world, as the site groups countries.", "Central Asia", None)
    capital: Capital | None = described(
        "The capital's name; or, when it moved or was renamed, its names with the dates of each.",
        [{"name": "Astana", "end_date": "2019-03"}, {"name": "Nur-Sultan", "start_date": "2019-03"}],
        None,
    )
    population: Votes | None = described("How many people live there, as a plain number.", 19000000, None)
    chambers: list[Chamber] = described(
        "The houses of parliament; elections name one in their chamber field.",
        [{"id": "mazhilis", "name": "Mazhilis", "seats": 107}],
        [],
    )

    regions: list[Region] = described(
        "Its first-level divisions (extension), for results by area and the maps; as of the newest election.",
        [{"id": "astana-city", "name": "Astana", "kind": "city", "tile": [2, 5]}],
        [],
    )

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
    """Someone who led a party, and when."""

    person: Id = described("The leader's id (a file in people/).", "nursultan-nazarbayev")
    role: str | None = described("Their title in the party.", "Chairman", None)
    start_date: Date | None = described("When they took over.", "1999-03-01", None)
    end_date: Date | None = described("When they stepped down; leave it out while they lead.", "2022-01-28", None)


class Party(Entity):
    kind: ClassVar[str] = "party"
    folder: ClassVar[str] = "parties"
    model_config = example(
        {
            "name": "Nur Otan",
            "other_names": [{"name": "Amanat", "start_date": "2022-03-01", "note": "New name for the same party."}],
            "country": "kz",
            "founded": "1999-03-01",
            "colour": "#1f5fa8",
            "leaders": [
                {
                    "person": "nursultan-nazarbayev",
                    "role": "Chairman",
                    "start_date": "1999-03-01",
                    "end_date": "2022-01-28",
                },
                {"person": "kassym-jomart-tokayev", "role": "Chairman", "start_date": "2022-01-28"},
            ],
            "summary": "Kazakhstan's ruling party, set up in 1999 with [[nursultan-nazarbayev]] as its chairman.",
        }
    )

    country: Id | None = described("The id of its country.", "kz", None)
    founded: Date | None = described("When it was founded.", "1999-03-01", None)
    dissolved: Date | None = described("When it was dissolved; leave it out while it exists.", 2022, None)
    colour: Colour | None = described(
        'Its colour in charts and tables, as "#rrggbb", in quotes (# would otherwise start a comment).', "#1f5fa8", None
    )
    ideology: list[str] = described("Words or phrases for what it stands for.", ["conservatism", "big tent"], [])
    position: str | None = described("Where it stands, in a few words.", "Pro-government", None)
    leaders: list[Leader] = described(
        "Who led it, oldest first.",
        [{"person": "nursultan-nazarbayev", "role": "Chairman", "start_date": "1999-03-01", "end_date": "2022-01-28"}],
        [],
    )
    predecessor: IdList = described(
        "For a party formed by a merger or split: the party or parties it came from. A rename is an other_names entry.",
        ["old-party"],
        [],
    )
    successor: IdList = described(
        "For a party that merged or split: the party or parties it became.", ["new-party"], []
    )

    @property
    def date_of_record(self) -> PartialDate | None:
        return self.founded

    @model_validator(mode="after")
    def _colour_not_lost_to_a_comment(self) -> Party:
        if "colour" in self.model_fields_set and self.colour is None:
            raise ValueError('colour is empty: quote it, colour: "#1f5fa8" (an unquoted # starts a comment)')
        return self


class Role(Model):
    """A post someone held."""

    model_config = example({"title": "Chairman", "party": "nur-otan", "start_date": "2022-01-28"})

    title: str = described("The post.", "President of Kazakhstan")
    party: Id | None = described("The party's id, for a post in a party.", "nur-otan", None)
    start_date: Date | None = described("When they took it.", "2019-03-20", None)
    end_date: Date | None = described("When they left it; leave it out while they hold it.", "2022-01-28", None)


class Person(Entity):
    kind: ClassVar[str] = "person"
    folder: ClassVar[str] = "people"
    model_config = example(
        {
            "name": "Kassym-Jomart Tokayev",
            "country": "kz",
            "roles": [
                {"title": "President of Kazakhstan", "start_date": "2019-03-20"},
                {"title": "Chairman", "party": "nur-otan", "start_date": "2022-01-28"},
            ],
            "summary": "President of [[kz]] since 20 March 2019.",
        }
    )

    country: Id | None = described("The id of their country.", "kz", None)
    birth_date: Date | None = described("Their date of birth; a year alone is fine.", 1970, None)
    roles: list[Role] = described(
        "Posts they held, oldest first.", [{"title": "President of Kazakhstan", "start_date": "2019-03-20"}], []
    )


# Literals, not enums: strict mode accepts a plain string for a Literal.
ElectionType = Literal["legislative", "presidential", "referendum", "local"]
Status = Literal["held", "scheduled", "annulled", "counting"]
Basis = Literal["precincts", "votes"]
ResultKind = Literal["official", "preliminary", "exit_poll", "poll"]


class Alliance(Model):
    """A joint list of several parties (extension)."""

    name: str = described("The alliance's name, as on the ballot.", "People's Coalition")
    parties: Annotated[list[Id], Field(min_length=1)] = described(
        "The ids of its member parties; each party's page shows the alliance's result.", ["red", "blue"]
    )


class Row(Model):
    """One line of a result set: a party, a candidate or an option, and its figures."""

    model_config = example({"party": "nur-otan", "votes": 5148074, "percent": 71.09, "seats": 76})

    party: Id | None = described(
        "The party's id; in a presidential election, the candidate's party beside person.", "nur-otan", None
    )
    person: Id | None = described("The candidate's id, in an election of people.", "kassym-jomart-tokayev", None)
    option: str | None = described(
        'Anything that is not a party or person: "Yes", "Against all", seats filled by another body.',
        "Assembly of the People of Kazakhstan",
        None,
    )
    votes: Votes | None = described("Votes won, as a plain number without separators.", 5148074, None)
    percent: Percent | None = described("Share of the vote in percent, without the % sign.", 71.09, None)
    seats: Seats | None = described("Seats won.", 76, None)
    alliance: Alliance | None = described(
        "A joint list, instead of party (extension).", {"name": "People's Coalition", "parties": ["red", "blue"]}, None
    )
    elected: bool | None = described("true for a winning candidate, in a district's own count.", True, None)

    @model_validator(mode="after")
    def _names_one_choice(self) -> Row:
        if self.alliance is not None:
            if self.party is not None or self.option is not None:
                raise ValueError("a row names an alliance instead of a party or option, not beside one")
            return self
        named = [field for field in ("party", "person", "option") if getattr(self, field) is not None]
        if named not in (["party"], ["person"], ["option"], ["party", "person"]):
            raise ValueError("a row names exactly one of party, person or option (a candidate may add party)")
        return self


class ResultSet(Model):
    """One source's figures for an election: the official count, a preliminary count, an exit poll or a poll."""

    model_config = example(
        {
            "kind": "exit_poll",
            "pollster": "Public Opinion",
            "source": {"title": "Exit poll by the Public Opinion research institute", "publisher": "Xinhua / IANS"},
            "rows": [{"party": "nur-otan", "percent": 71.97}, {"party": "ak-zhol", "percent": 10.18}],
        }
    )

    kind: ResultKind = described(
        "Which figures these are; the site leads with official, then preliminary, exit_poll, poll.", "official"
    )
    source: Source | None = described(
        "Where the figures come from.",
        {"title": "Kazakh parliamentary election: final results", "publisher": "The Astana Times"},
        None,
    )
    date: Date | None = described(
        "When the figures were published or the poll was taken, if it matters.", "2021-01-12", None
    )
    pollster: str | None = described("Who ran the exit poll or poll.", "Public Opinion", None)
    tier: Id | None = described(
        "Which tier of the election this set fills (one of its tiers' ids); leave it out in a one-tier election.",
        "list",
        None,
    )
    area: Id | None = described(
        "For one area's own count: a constituency of the election or a region of the country.", "astana-1", None
    )
    round: Annotated[int, Field(ge=1, le=9)] | None = described(
        "For a vote in rounds: which round (1, 2, ...); leave it out for a single round.", 2, None
    )
    turnout: Percent | None = described("This set's own turnout in percent, such as an area's.", 42.41, None)
    registered_voters: Votes | None = described("This set's own registered voters, such as an area's.", 512000, None)
    votes_cast: Votes | None = described("This set's own ballots cast, such as an area's.", 217000, None)
    rows: list[Row] = described(
        "One row per party, candidate or option, in the order to show them.",
        [{"party": "nur-otan", "votes": 5148074, "percent": 71.09, "seats": 76}],
    )
    # Election night (a preliminary set): several preliminary sets are the count's history, newest last.
    updated: Timestamp | None = described(
        "For a preliminary count: when these figures were published, with the UTC offset of the clock that read "
        "them. Several preliminary sets are the count's history, oldest first.",
        TIMESTAMP_EXAMPLE,
        None,
    )
    reported: Percent | None = described(
        "For a preliminary count: how much of the count is done, in percent (of precincts or votes, see basis).",
        62.5,
        None,
    )
    basis: Basis | None = described(
        "What reported counts: precincts (polling stations reporting) or votes (ballots counted).", "precincts", None
    )


class Tier(Model):
    """One way the election fills seats (extension): national lists, single-member districts."""

    model_config = example({"id": "list", "name": "National party lists", "seats": 69, "threshold": 5})

    id: Id = described("An id for the tier, named by result sets' tier.", "list")
    name: str = described("Its name for readers.", "National party lists")
    seats: Seats = described("How many seats it fills.", 69)
    threshold: Percent | None = described("The share of the vote a list needs for seats, in percent.", 5, None)


class Constituency(Model):
    """A district of the election (extension), named by result sets' area."""

    model_config = example({"id": "astana-1", "name": "Astana, district 1", "region": "astana-city", "seats": 1})

    id: Id = described("An id for the district, unique within the election.", "astana-1")
    name: str = described("Its name.", "Astana, district 1")
    region: Id | None = described("The id of the country's region it lies in.", "astana-city", None)
    seats: Seats = described("How many seats it elects.", 1, 1)


class Election(Entity):
    kind: ClassVar[str] = "election"
    folder: ClassVar[str] = "elections"
    model_config = example(
        {
            "name": "2021 Kazakh legislative election",
            "country": "kz",
            "date": "2021-01-10",
            "type": "legislative",
            "chamber": "mazhilis",
            "seats": 107,
            "seats_contested": 98,
            "threshold": 7,
            "registered_voters": 11919241,
            "votes_cast": 7539280,
            "turnout": 63.25,
            "results": [
                {
                    "kind": "official",
                    "source": {
                        "title": "Kazakh parliamentary election: Central Election Commission announces final results",
                        "publisher": "The Astana Times",
                        "date": "2021-01-12",
                    },
                    "rows": [
                        {"party": "nur-otan", "votes": 5148074, "percent": 71.09, "seats": 76},
                        {"party": "ak-zhol", "votes": 792828, "percent": 10.95, "seats": 12},
                        {"option": "Assembly of the People of Kazakhstan", "seats": 9},
                    ],
                }
            ],
            "tags": ["elections"],
        }
    )

    country: Id = described("The id of the country that held it.", "kz")
    date: Date = described("Polling day.", "2021-01-10")
    type: ElectionType = described("What was elected, or decided in a referendum.", "legislative")
    chamber: Id | None = described(
        "The id of one of the country's chambers, for a parliamentary election.", "mazhilis", None
    )
    seats: Seats | None = described("Seats in the whole body.", 107, None)
    seats_contested: Seats | None = described("Seats decided by voters, when not all of them are.", 98, None)
    threshold: Percent | None = described("The share of the vote needed to win seats, in percent.", 7, None)
    registered_voters: Votes | None = described("How many people could vote.", 11919241, None)
    votes_cast: Votes | None = described("How many ballots were cast.", 7539280, None)
    turnout: Percent | None = described(
        "Turnout in percent; with registered_voters and votes_cast it must agree within half a point.", 63.25, None
    )
    status: Status = described(
        "held, scheduled (still to come), annulled (cancelled after the vote) or counting "
        "(election night: the site shows the newest preliminary set as provisional).",
        "held",
        "held",
    )
    tiers: list[Tier] = described(
        "For a mixed system (extension): each way seats are filled; their seats add up to the election's.",
        [{"id": "list", "name": "National party lists", "seats": 69, "threshold": 5}],
        [],
    )
    constituencies: list[Constituency] = described(
        "The districts of an election with tiers (extension).",
        [{"id": "astana-1", "name": "Astana, district 1", "region": "astana-city"}],
        [],
    )
    results: list[ResultSet] = described(
        "One result set per source: official, preliminary, exit poll, polls.",
        [{"kind": "official", "rows": [{"party": "nur-otan", "votes": 5148074, "percent": 71.09, "seats": 76}]}],
        [],
    )

    @property
    def date_of_record(self) -> PartialDate | None:
        return self.date


class Story(Record):
    kind: ClassVar[str] = "story"
    folder: ClassVar[str] = "stories"
    model_config = example(
        {
            "title": "Kazakhstan Ruling Party Dominates Opposition-Free Vote",
            "date": "2021-01-10",
            "byline": "AFP",
            "section": "South & Central Asia",
            "summary": "Nur Otan heads for a big win in a parliamentary election with no opposition on the ballot.",
            "url": "https://news.example.org/2021/01/10/kazakhstan-vote",
            "about": ["kz-2021-mazhilis", "nur-otan", "kz"],
            "tags": ["elections", "protests"],
        }
    )

    title: FreeText = described("The headline.", "Kazakhstan Ruling Party Dominates Opposition-Free Vote")
    date: Date = described("When it was published.", "2021-01-10")
    url: Url | None = described(
        "The article's address, for a story published elsewhere (a story needs url or body).",
        "https://news.example.org/2021/01/10/kazakhstan-vote",
        None,
    )
    body: Markdown | None = described(
        "The story itself, in Markdown, for a story published on this site at /stories/<id>/.",
        "[[kz]] has abolished the death penalty.",
        None,
    )
    byline: str | None = described("Who wrote it.", "AFP", None)
    section: str | None = described(
        "The section it ran in; the stories page groups by it.", "South & Central Asia", None
    )
    about: IdList = described(
        "Ids of everything it is about: it is listed on their pages, and related stories are found through them.",
        ["kz-2021-mazhilis", "nur-otan", "kz"],
        [],
    )
    lang: LanguageCode | None = described(
        "For a story written in one language only: its language (ru, kk); it is then published in that language alone.",
        "ru",
        None,
    )

    @model_validator(mode="after")
    def _has_url_or_body(self) -> Story:
        if self.url is None and self.body is None:
            raise ValueError("a story needs a 'url' (external article) or a 'body' (published here)")
        return self

    @model_validator(mode="after")
    def _texts_in_its_language(self) -> Story:
        # A story in one language: its plain strings are in that language, not the site's default.
        if self.lang is not None:
            for name in ("title", "summary", "body"):
                value = getattr(self, name)
                if isinstance(value, Text):
                    self.__dict__[name] = value.retag(self.lang)
        return self

    @property
    def name(self) -> str:
        return self.title

    def name_in(
        self, lang: str, day: dt.date | PartialDate | None = None, default_language: str | None = None
    ) -> tuple[str, str | None]:
        """A story's name is its title, in ``lang`` if it has one."""
        return self.title.in_language(lang)

    @property
    def date_of_record(self) -> PartialDate | None:
        return self.date


KINDS: tuple[type[Record], ...] = (Country, Party, Person, Election, Story)
KIND_BY_FOLDER: dict[str, type[Record]] = {kind.folder: kind for kind in KINDS}
