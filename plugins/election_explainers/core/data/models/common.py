"""The value types every model shares (ids, addresses, dates, counts, languages) and the base model."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any
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
)

from ..dates import PartialDate
from ..langtags import BCP47_PATTERN, language_code_problem
from ..text import MarkdownText

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

    def share_fields_sets(self) -> None:
        """Give this model and the models in it one shared set of the fields their files gave, for
        each different set.  Pydantic makes a set for every instance (over 700 bytes with five
        names or more); a large dataset holds 200,000 models.  The models are frozen, so nothing
        adds to a set (``model_copy`` copies it first)."""
        given = self.__pydantic_fields_set__
        object.__setattr__(self, "__pydantic_fields_set__", _FIELDS_SETS.setdefault(frozenset(given), given))
        for value in self.__dict__.values():
            for item in value if isinstance(value, (list, tuple)) else (value,):
                if isinstance(item, Model):
                    item.share_fields_sets()


_FIELDS_SETS: dict[frozenset[str], set[str]] = {}  # a few hundred at most: the fields' combinations


def described(description: str, example: Any, default: Any = ..., **constraints: Any) -> Any:
    """A field with its description and an example, for editors' tools and the field reference.

    Written for the journalists who edit the data: the guide's field
    reference (docs/guide/fields.md) is generated from these.
    """
    return Field(default, description=description, examples=[example], **constraints)


def example(value: dict[str, Any]) -> ConfigDict:
    """A whole entry as an editor would write it: for editors' tools and the guide's field reference."""
    return ConfigDict(json_schema_extra={"examples": [value]})
