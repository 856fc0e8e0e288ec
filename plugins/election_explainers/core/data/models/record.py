"""What every record has: its id and file, names over time, summary, sources, events, tags, image."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from pydantic.json_schema import SkipJsonSchema

from ..dates import PartialDate, in_period
from .common import (
    Markdown,
    Model,
    described,
)
from .parts import Event, Image, OtherName, Source


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
