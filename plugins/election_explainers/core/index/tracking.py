"""What each generated page reads, so a rebuild re-renders only pages whose inputs changed.

A page renders against a :class:`TrackedDataset` that notes a *key* for every
read: ``rec:<id>`` for one record's fields, ``kind:<kind>`` for a listing of a
kind, ``about:<id>`` for "everything that refers to <id>", ``series:<country>``
for the order of a country's elections, ``rel:<kind>:<id>`` for the stories that
share a related-stories key, ``as-of`` for the date pages without one of their
own are true on (:mod:`.as_of`), ``*`` for anything else.  A changed record (or
docs page) invalidates the keys of both its old and its new version
(:func:`keys_of`); a page is re-rendered when the keys it read meet them.

The guarantee is checked by a test that edits data at random and compares
incremental output with a full render.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..data.as_of import AS_OF_KEY
from ..data.checks import references
from ..data.dataset import Dataset, Page
from ..data.models import Country, Election, Record, Story

EVERYTHING = "*"


class TrackedDataset:
    """A :class:`Dataset` that notes what is read from it into ``reads``."""

    def __init__(self, dataset: Dataset, reads: set[str]) -> None:
        self._dataset = dataset
        self.reads = reads

    def note(self, *keys: str) -> None:
        self.reads.update(keys)

    def get(self, entity_id: str) -> Record | None:
        self.reads.add(f"rec:{entity_id}")
        return self._dataset.get(entity_id)

    def _listing(self, kind: str) -> None:
        self.reads.add(f"kind:{kind}")

    @property
    def countries(self) -> list[Country]:
        self._listing("country")
        return self._dataset.countries

    @property
    def parties(self) -> list[Any]:
        self._listing("party")
        return self._dataset.parties

    @property
    def people(self) -> list[Any]:
        self._listing("person")
        return self._dataset.people

    @property
    def elections(self) -> list[Election]:
        self._listing("election")
        return self._dataset.elections

    @property
    def stories(self) -> list[Story]:
        self._listing("story")
        return self._dataset.stories

    @property
    def pages(self) -> list[Page]:
        self._listing("page")
        return self._dataset.pages

    def previous_election(self, election: Election) -> Election | None:
        self.reads.add(f"series:{election.country}")
        return self._dataset.previous_election(election)

    def next_election(self, election: Election) -> Election | None:
        self.reads.add(f"series:{election.country}")
        return self._dataset.next_election(election)

    def election_neighbours(self, election: Election) -> tuple[Election | None, Election | None]:
        # Whether a country has a single chamber decides the contest of an election naming none.
        self.reads.update((f"series:{election.country}", f"rec:{election.country}"))
        return self._dataset.election_neighbours(election)

    def stories_about(self, entity_id: str) -> list[Story]:
        self.reads.add(f"about:{entity_id}")
        return self._dataset.stories_about(entity_id)

    def pages_about(self, entity_id: str) -> list[Page]:
        self.reads.add(f"about:{entity_id}")
        return self._dataset.pages_about(entity_id)

    def page(self, src: str) -> Page | None:
        self.reads.add(f"page:{src}")
        return self._dataset.page(src)

    def __getattr__(self, name: str) -> Any:
        # Anything not tracked above (a site's own template reaching further): depend on everything.
        self.reads.add(EVERYTHING)
        return getattr(self._dataset, name)


def keys_of(item: Record | Page) -> set[str]:
    """The keys a change to ``item`` invalidates."""
    if isinstance(item, Page):
        keys = {"kind:page", f"page:{item.src}", *(f"about:{target}" for target in item.about)}
        keys |= related_keys(item.about, item.tags)
        return keys
    keys = {f"rec:{item.id}", f"kind:{item.kind}", f"about:{item.id}"}
    keys |= {f"about:{target}" for _, target, _ in references(item)}
    if isinstance(item, Election):
        keys.add(f"series:{item.country}")
    if isinstance(item, Story):
        keys |= related_keys(item.about, item.tags)
    return keys


def related_keys(about: Iterable[str], tags: Iterable[str]) -> set[str]:
    """Keys for the related-stories lists an entry takes part in (by id and tag, whatever their weight)."""
    return {f"rel:{target}" for target in about} | {f"rel:tag:{tag}" for tag in tags}


def changed_keys(old: Dataset, new: Dataset) -> set[str]:
    """Every key that differs between two loads of the data (empty if nothing changed)."""
    old_pages = {page.src: page for page in old.pages}
    new_pages = {page.src: page for page in new.pages}
    if old.fingerprints and new.fingerprints:
        suspects = new.changed_since(old)  # ids and page srcs whose file changed
    else:  # datasets made without files: compare everything
        suspects = old.records.keys() | new.records.keys() | old_pages.keys() | new_pages.keys()
    keys: set[str] = set()
    for name in suspects:
        pairs = ((old.records.get(name), new.records.get(name)), (old_pages.get(name), new_pages.get(name)))
        for before, after in pairs:
            if before is after or before == after:
                continue
            for item in (before, after):
                if item is not None:
                    keys |= keys_of(item)
    if old.newest_fact != new.newest_fact:  # the default as-of date moved
        keys.add(AS_OF_KEY)
    if keys:
        keys.add(EVERYTHING)
    return keys
