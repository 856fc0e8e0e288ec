"""One timeline from every dated fact in the data.

Elections, party foundings, renames and leadership terms, people's roles,
explicit ``events``, stories and dated pages all become :class:`Item`s in a
single ordering, which the global ``/timeline/``, each entity's own timeline
and the JSON exports all read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from datetime import date, timedelta

from ..data.dataset import Dataset
from ..data.dates import PartialDate
from ..data.models import Country, Election, Party, Person, Record, Story

# Equal dates order elections, then events and other facts, then stories and pages.
RANK = {"election": 0, "story": 2, "page": 2}
EVENT_RANK = 1


Names = tuple[str, tuple[str, ...], "PartialDate | date | None"]
NameOf = Callable[[str, "PartialDate | date | None"], str]


@dataclass(frozen=True)
class Fact:
    """What a party's or person's timeline item says, to be written in any language: an English
    message with placeholders, the entities it names (each as of a date) and plain words.

    A role's title is the data's own text; an empty one is the default role, "leader"."""

    message: str  # "%(person)s becomes %(role)s of %(party)s"
    names: tuple[Names, ...]  # placeholder, the entities it names (joined with "and"), as of when
    words: tuple[tuple[str, str], ...] = ()  # placeholder, text

    def values(self, name: NameOf, and_: str, default_role: str) -> dict[str, str]:
        """The message's values: each entity's ``name(id, as_of)``, several joined with ``and_``."""
        values = {key: and_.join(name(i, day) for i in ids) for key, ids, day in self.names}
        return values | {key: text or default_role for key, text in self.words}

    def english(self, get: Lookup) -> str:
        return self.message % self.values(lambda i, day: _name(get, i, day), " and ", "leader")


@dataclass(frozen=True)
class Item:
    date: PartialDate
    kind: str  # election, event, founding, dissolution, rename, leader, role, birth, story, page
    title: str  # plain text, escaped when shown
    key: str  # stable id for ordering and anchors
    end_date: PartialDate | None = None
    text: str | None = None  # Markdown
    subject: str | None = None  # the entity (or story) the item links to
    page: str | None = None  # a docs page (src path) the item links to
    url: str | None = None  # an external article
    about: tuple[str, ...] = ()  # every id it concerns
    country: str | None = None
    status: str | None = None  # an election's status
    sources: tuple[object, ...] = field(default=(), compare=False)
    fact: Fact | None = None  # a party's or person's fact, for pages in other languages (its title is English)
    # Items key the list entries kept between builds (render/fragments.py), looked up thousands of
    # times per build: hash the fields once, not on every look-up.
    _hash: int = field(init=False, repr=False, compare=False, default=0)

    def __post_init__(self) -> None:
        compared = tuple(getattr(self, f.name) for f in fields(self) if f.compare)
        object.__setattr__(self, "_hash", hash(compared))

    def __hash__(self) -> int:
        return self._hash

    @property
    def sort_key(self) -> tuple[tuple[int, int, int], int, str]:
        return (self.date.sort_key, RANK.get(self.kind, EVENT_RANK), self.key)


Lookup = Callable[[str], Record | None]


class KeptItems:
    """Each record's items from the last load, with the records they looked up on the way.

    Under ``serve`` the loader hands back the very same record object for a file that
    did not change, so a record whose object and looked-up records are all the same
    as last time has the same items: an edit makes only the edited records' items again.
    """

    def __init__(self) -> None:
        self._items: dict[str, tuple[Record, dict[str, Record | None], list[Item]]] = {}

    def items_of(self, dataset: Dataset) -> Iterator[list[Item]]:
        """Every record's items, in the dataset's order; forgets records that are gone."""
        kept, self._items = self._items, {}
        for entity_id, record in dataset.records.items():
            found = kept.get(entity_id)
            if found is None or found[0] is not record or any(dataset.get(i) is not r for i, r in found[1].items()):
                looked: dict[str, Record | None] = {}

                def get(entity_id: str, looked: dict[str, Record | None] = looked) -> Record | None:
                    looked[entity_id] = dataset.get(entity_id)
                    return looked[entity_id]

                found = (record, looked, [*_record_items(get, record), *_event_items(record)])
            self._items[entity_id] = found
            yield found[2]


def build_timeline(dataset: Dataset, kept: KeptItems | None = None) -> list[Item]:
    """Every dated fact, oldest first, ties broken as documented in :data:`RANK`.

    With ``kept`` (held from one load to the next), unchanged records' items are not made again.
    """
    items: list[Item] = []
    for found in (kept or KeptItems()).items_of(dataset):
        items.extend(found)
    for page in dataset.pages:
        if page.date is not None:
            items.append(
                Item(
                    page.date,
                    "page",
                    page.title or page.src,
                    f"page:{page.src}",
                    text=page.summary,
                    page=page.src,
                    about=page.about,
                )
            )
    return sorted(items, key=lambda item: item.sort_key)


def index_timeline(items: Iterable[Item]) -> dict[str, list[Item]]:
    """Entity id → the items that concern it, in the order of ``items``: each entity's own timeline."""
    index: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        for entity_id in dict.fromkeys(item.about):
            index[entity_id].append(item)
    return index


def _country_of(record: Record) -> str | None:
    if isinstance(record, Country):
        return record.id
    country = getattr(record, "country", None)
    return country if isinstance(country, str) else None


def _record_items(get: Lookup, record: Record) -> Iterator[Item]:
    country = _country_of(record)
    base = (record.id, country) if country and country != record.id else (record.id,)
    if isinstance(record, Election):
        yield _election_item(record, base)
    elif isinstance(record, Story):
        yield Item(
            record.date,
            "story",
            record.title,
            f"story:{record.id}",
            text=record.summary,
            subject=record.id,
            url=record.url if record.body is None else None,
            about=(record.id, *record.about),
            country=next((a for a in record.about if isinstance(get(a), Country)), None),
        )
    elif isinstance(record, Party):
        yield from _party_items(get, record, base, country)
    elif isinstance(record, Person):
        yield from _person_items(get, record, base, country)


def _election_item(election: Election, base: tuple[str, ...]) -> Item:
    about = list(base)
    for result_set in election.results:
        for row in result_set.rows:
            about += [i for i in (row.party, row.person) if i and i not in about]
    return Item(
        election.date,
        "election",
        election.name,
        f"election:{election.id}",
        subject=election.id,
        about=tuple(about),
        country=election.country,
        status=election.status,
    )


def _party_items(get: Lookup, party: Party, base: tuple[str, ...], country: str | None) -> Iterator[Item]:
    def fact(day: PartialDate, kind: str, said: Fact, suffix: str, about: tuple[str, ...] = ()) -> Item:
        return Item(
            day,
            kind,
            said.english(get),
            f"{kind}:{party.id}:{suffix}",
            subject=party.id,
            about=(*base, *about),
            country=country,
            fact=said,
        )

    if party.founded:
        if party.predecessor:
            said = Fact(
                "%(party)s founded, succeeding %(parties)s",
                (
                    ("party", (party.id,), party.founded),
                    ("parties", tuple(party.predecessor), party.founded),
                ),
            )
            yield fact(party.founded, "founding", said, "", tuple(party.predecessor))
        else:
            yield fact(
                party.founded, "founding", Fact("%(party)s founded", (("party", (party.id,), party.founded),)), ""
            )
    if party.dissolved:
        if party.successor:
            said = Fact(
                "%(party)s dissolved, succeeded by %(parties)s",
                (("party", (party.id,), party.dissolved), ("parties", tuple(party.successor), party.dissolved)),
            )
            yield fact(party.dissolved, "dissolution", said, "", tuple(party.successor))
        else:
            said = Fact("%(party)s dissolved", (("party", (party.id,), party.dissolved),))
            yield fact(party.dissolved, "dissolution", said, "")
    for i, other in enumerate(party.other_names):
        if not other.is_rename:
            continue
        # A name taken on the calendar's first day had none before it, one given up on its last none after.
        if other.start_date and other.start_date.first_day() > date.min:  # the name was taken on start_date
            day_before = other.start_date.first_day() - timedelta(days=1)
            if party.name_on(day_before) != other.name:
                said = Fact(
                    "%(before)s renamed %(after)s",
                    (("before", (party.id,), day_before), ("after", (party.id,), other.start_date.first_day())),
                )
                yield fact(other.start_date, "rename", said, str(i))
        if other.end_date and other.end_date.last_day() < date.max:  # the name was given up after end_date
            day_after = other.end_date.last_day() + timedelta(days=1)
            if party.name_on(day_after) != other.name:
                said = Fact(
                    "%(before)s renamed %(after)s",
                    (("before", (party.id,), other.end_date.last_day()), ("after", (party.id,), day_after)),
                )
                yield fact(other.end_date, "rename", said, f"{i}e")
    for i, leader in enumerate(party.leaders):
        role = (("role", leader.role or ""),)  # "" is the default role, "leader"
        for day, message, suffix in (
            (leader.start_date, "%(person)s becomes %(role)s of %(party)s", f"{i}s"),
            (leader.end_date, "%(person)s steps down as %(role)s of %(party)s", f"{i}e"),
        ):
            if day:
                said = Fact(
                    message,
                    (("person", (leader.person,), leader.start_date), ("party", (party.id,), day)),
                    role,
                )
                yield fact(day, "leader", said, suffix, (leader.person,))


def _person_items(get: Lookup, person: Person, base: tuple[str, ...], country: str | None) -> Iterator[Item]:
    def fact(day: PartialDate, kind: str, said: Fact, key: str, about: tuple[str, ...] = base) -> Item:
        return Item(day, kind, said.english(get), key, subject=person.id, about=about, country=country, fact=said)

    myself = (("person", (person.id,), None),)
    if person.birth_date:
        yield fact(person.birth_date, "birth", Fact("%(person)s born", myself), f"birth:{person.id}")
    for i, role in enumerate(person.roles):
        party = get(role.party) if role.party else None
        if isinstance(party, Party) and any(
            leader.person == person.id and leader.start_date == role.start_date for leader in party.leaders
        ):
            continue  # the party's leaders list already tells this
        about = (*base, role.party) if role.party else base
        title = (("role", role.title),)
        if role.start_date:
            said = Fact("%(person)s becomes %(role)s", myself, title)
            yield fact(role.start_date, "role", said, f"role:{person.id}:{i}s", about)
        if role.end_date:
            said = Fact("%(person)s leaves office as %(role)s", myself, title)
            yield fact(role.end_date, "role", said, f"role:{person.id}:{i}e", about)


def _event_items(record: Record) -> Iterator[Item]:
    country = _country_of(record)
    for i, event in enumerate(record.events):
        about = [record.id, *(a for a in event.about if a != record.id)]
        if country and country not in about:
            about.append(country)
        yield Item(
            event.date,
            "event",
            event.title,
            f"event:{record.id}:{i}",
            end_date=event.end_date,
            text=event.text,
            subject=record.id,
            about=tuple(about),
            country=country,
            sources=tuple(event.sources),
        )


def _name(get: Lookup, entity_id: str, day: PartialDate | date | None) -> str:
    record = get(entity_id)
    return record.name_on(day) if record else entity_id
