"""The loaded, valid data and the look-ups every page needs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

from .dates import PartialDate
from .models import Country, Election, Party, Person, Record, Story

R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class Page:
    """A hand-written page in ``docs/`` that takes part in the data (front matter)."""

    src: str  # path under docs/, with '/' separators
    title: str | None
    date: PartialDate | None
    summary: str | None
    about: tuple[str, ...]
    section: str | None = None
    byline: str | None = None
    tags: tuple[str, ...] = ()


@dataclass
class Dataset:
    records: dict[str, Record]
    pages: list[Page] = field(default_factory=list)
    # Every id with a file, valid or not, so one broken file does not make
    # every reference to it "unknown" as well.
    known: dict[str, type[Record]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for entity_id, record in self.records.items():
            self.known.setdefault(entity_id, type(record))

    def get(self, entity_id: str) -> Record | None:
        return self.records.get(entity_id)

    def of_kind(self, kind: type[R]) -> list[R]:
        return [r for r in self.records.values() if isinstance(r, kind)]

    @cached_property
    def countries(self) -> list[Country]:
        return sorted(self.of_kind(Country), key=lambda c: c.name.casefold())

    @cached_property
    def parties(self) -> list[Party]:
        return sorted(self.of_kind(Party), key=lambda p: (p.country or "", p.name.casefold()))

    @cached_property
    def people(self) -> list[Person]:
        return sorted(self.of_kind(Person), key=lambda p: (p.name.casefold(), p.id))

    @cached_property
    def elections(self) -> list[Election]:
        """Oldest first."""
        return sorted(self.of_kind(Election), key=lambda e: (e.date, e.id))

    @cached_property
    def stories(self) -> list[Story]:
        """Newest first."""
        return sorted(self.of_kind(Story), key=lambda s: (s.date, s.id), reverse=True)

    @cached_property
    def _series(self) -> dict[tuple[str, str, str | None], list[Election]]:
        series: dict[tuple[str, str, str | None], list[Election]] = defaultdict(list)
        for election in self.elections:
            series[(election.country, election.type, election.chamber)].append(election)
        return series

    def previous_election(self, election: Election) -> Election | None:
        """The last held election of the same country, type and chamber before this one."""
        earlier = [
            e
            for e in self._series[(election.country, election.type, election.chamber)]
            if e.date < election.date and e.status == "held"
        ]
        return earlier[-1] if earlier else None

    def next_election(self, election: Election) -> Election | None:
        later = [e for e in self._series[(election.country, election.type, election.chamber)] if e.date > election.date]
        return later[0] if later else None

    @cached_property
    def mentions(self) -> dict[str, list[Record]]:
        """Which records name each id (``country``, ``about``, leaders, rows …)."""
        index: dict[str, list[Record]] = defaultdict(list)
        for record in self.records.values():
            for target in set(referenced_ids(record)):
                index[target].append(record)
        return index

    def stories_about(self, entity_id: str) -> list[Story]:
        return [s for s in self.stories if entity_id in s.about]

    def pages_about(self, entity_id: str) -> list[Page]:
        return [p for p in self.pages if entity_id in p.about]


def referenced_ids(record: Record) -> Iterable[str]:
    """Every id a record names in its fields (not in Markdown)."""
    from .checks import references

    for _, target, _ in references(record):
        yield target
