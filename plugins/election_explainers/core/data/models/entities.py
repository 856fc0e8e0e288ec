"""Countries (with chambers, capitals and regions), parties and people."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import (
    BeforeValidator,
    Field,
    WithJsonSchema,
    model_validator,
)

from ..dates import PartialDate, in_period
from .common import (
    Colour,
    Date,
    Id,
    IdList,
    Model,
    Seats,
    Votes,
    described,
    example,
)
from .parts import OtherName
from .record import Entity


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
