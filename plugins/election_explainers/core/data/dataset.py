"""The loaded, valid data and the look-ups every page needs."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from .as_of import NewestDate, latest, newest_in
from .dates import PartialDate
from .images import ImageFile
from .models import Country, Election, Leader, Party, Person, Record, Story

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
    lang: str | None = None  # its language, by suffix (kz-2021.ru.md) or front matter; None: the default


@dataclass
class Dataset:
    records: dict[str, Record]
    pages: list[Page] = field(default_factory=list)
    # Every id with a file, valid or not, so one broken file does not make
    # every reference to it "unknown" as well.
    known: dict[str, type[Record]] = field(default_factory=dict)
    # A hash of the file behind each record (by id) and each page with data (by src):
    # what changed between two loads, for re-rendering only what depends on it.
    fingerprints: dict[str, str] = field(default_factory=dict)
    # The newest date each record states (see :mod:`.as_of`), by id, as the loader keeps it per file.
    newest_dates: dict[str, NewestDate] = field(default_factory=dict, repr=False, compare=False)
    # The image files records name (``image.file``), checked, with their size as shown (see .images).
    images: dict[str, ImageFile] = field(default_factory=dict, repr=False, compare=False)
    # Boundary files by country id (a ``maps.CountryMap`` each), from data/maps/<country-id>.geojson.
    maps: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    # Did-you-mean suggestions already worked out, by (unknown id, kinds wanted); see checks.
    suggestions: dict[tuple[str, tuple[type[Record], ...]], str] = field(
        default_factory=dict, repr=False, compare=False
    )

    def changed_since(self, earlier: Dataset) -> set[str]:
        """Ids (and page srcs) whose file is new, gone or different since ``earlier``."""
        before, now = earlier.fingerprints, self.fingerprints
        return {key for key in before.keys() | now.keys() if before.get(key) != now.get(key)}

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

    def contest(self, election: Election) -> tuple[str, str, str | None]:
        """What an election fills, for reading elections one after another: a chamber of a country
        (whatever the type says), else the country's office or vote of that type.  A legislative
        election that names no chamber, in a country with a single chamber, is for that chamber."""
        chamber = election.chamber
        if chamber is None and election.type == "legislative":
            country = self.get(election.country)
            if isinstance(country, Country) and len(country.chambers) == 1:
                chamber = country.chambers[0].id
        return (election.country, "chamber", chamber) if chamber else (election.country, election.type, None)

    @cached_property
    def _contests(self) -> dict[tuple[str, str, str | None], list[Election]]:
        contests: dict[tuple[str, str, str | None], list[Election]] = defaultdict(list)
        for election in self.elections:  # oldest first
            contests[self.contest(election)].append(election)
        return contests

    def election_neighbours(self, election: Election) -> tuple[Election | None, Election | None]:
        """The elections just before and after this one for the same contest, whatever their status:
        the reader's previous/next chain (an annulled or scheduled election is part of it; the
        comparison of results is not, see :meth:`previous_election`)."""
        chain = self._contests[self.contest(election)]
        at = chain.index(election)
        return (chain[at - 1] if at > 0 else None), (chain[at + 1] if at + 1 < len(chain) else None)

    @cached_property
    def newest_fact(self) -> PartialDate | None:
        """The default as-of date (see :mod:`.as_of`)."""
        known = self.newest_dates
        dates = [known[i].value if i in known else newest_in(record) for i, record in self.records.items()]
        return latest([*dates, *(page.date for page in self.pages)])

    @cached_property
    def _stories_by_about(self) -> dict[str, list[Story]]:
        index: dict[str, list[Story]] = defaultdict(list)
        for story in self.stories:  # newest first, and so is each list
            for target in dict.fromkeys(story.about):
                index[target].append(story)
        return index

    def stories_about(self, entity_id: str) -> list[Story]:
        return self._stories_by_about.get(entity_id, [])

    def pages_about(self, entity_id: str) -> list[Page]:
        return [p for p in self.pages if entity_id in p.about]  # hand-written pages are few

    def page(self, src: str) -> Page | None:
        """The data part of the hand-written page at ``src``, if it has one."""
        return next((p for p in self.pages if p.src == src), None)

    @cached_property
    def leaderships(self) -> dict[str, list[tuple[Party, Leader]]]:
        """Person id → the parties they led, with the term."""
        index: dict[str, list[tuple[Party, Leader]]] = defaultdict(list)
        for party in self.parties:
            for leader in party.leaders:
                index[leader.person].append((party, leader))
        return index

    @cached_property
    def members(self) -> dict[str, list[Person]]:
        """Party id → the people who led it or held a role in it, by name."""
        index: dict[str, dict[str, Person]] = defaultdict(dict)
        for person in self.people:
            for role in person.roles:
                if role.party:
                    index[role.party][person.id] = person
            for party, _ in self.leaderships.get(person.id, []):
                index[party.id][person.id] = person
        return {party: list(people.values()) for party, people in index.items()}
