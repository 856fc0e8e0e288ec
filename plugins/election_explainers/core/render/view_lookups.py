"""What templates look up in the data about a page's entities: results over time, leaderships, a
country's records, colours. Each look-up notes what it read, so the page is rebuilt when that changes."""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from typing import Any

from ..data.dates import PartialDate, in_period
from ..data.models import Country, Party, Record
from ..index.results import choice_key
from . import charts
from .view_base import ViewBase


class TrackedLookups(ViewBase):
    """The data look-ups of :class:`.view.View`."""

    def standings(self, kind: str, entity_id: str) -> list[Any]:
        """A party's or candidate's result in each election, oldest first."""
        self.reads.add(f"about:{entity_id}")
        found = self.renderer.standings.get((kind, entity_id), [])
        self.reads.update(f"rec:{s.election.id}" for s in found)
        return found

    def led_by(self, person_id: str) -> list[tuple[Party, Any]]:
        """The parties a person led, with the term."""
        self.reads.add(f"about:{person_id}")
        found = self.renderer.dataset.leaderships.get(person_id, [])
        self.reads.update(f"rec:{party.id}" for party, _ in found)
        return found

    def leaders_on(self, party_id: str, date: PartialDate) -> list[str]:
        """Who led the party on ``date`` (leaders with no dates at all are left out: we can't tell)."""
        party = self.dataset.get(party_id)
        if not isinstance(party, Party):
            return []
        day = date.last_day()
        return [
            leader.person
            for leader in party.leaders
            if (leader.start_date or leader.end_date) and in_period(day, leader.start_date, leader.end_date)
        ]

    def in_country(self, kind: str, country_id: str) -> list[Any]:
        """A country's elections (oldest first), parties or people: it depends on those, not on every one."""
        self.reads.add(f"about:{country_id}")  # a record that joins or leaves the country names it
        found = self.renderer.by_country[kind].get(country_id, [])
        self.reads.update(f"rec:{record.id}" for record in found)
        return found

    def by_name(self, records: Iterable[Any]) -> list[Any]:
        """Records by country, then by their name on the page's date (a renamed party sorts by its new name)."""
        return sorted(records, key=lambda r: (getattr(r, "country", None) or "", r.name_on(self.date).casefold()))

    def country_of(self, record: Record) -> Country | None:
        country = self.dataset.get(getattr(record, "country", None) or "")
        return country if isinstance(country, Country) else None

    def colour(self, entity_id: str | None) -> str | None:
        record = self.dataset.get(entity_id) if entity_id else None
        return record.colour if isinstance(record, Party) else None

    def row_colour(self, row: Any) -> str:
        """A row's colour: its party's, or a neutral one that stays the same for the same choice."""
        colour = self.colour(row.party)
        if colour:
            return colour
        key = choice_key(row)
        return charts.NEUTRAL_PALETTE[zlib.crc32(key.encode()) % len(charts.NEUTRAL_PALETTE)]
