"""A party's page: its names over time, leaders, members and share of the vote by election."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ...data.dates import in_period
from ...data.models import Party, Person, Record
from .. import charts
from .room import Room


class PartyPage(Room):
    def history(self, party: Party) -> Markup:
        rows = self.v.standings("party", party.id)
        if not rows:
            return Markup("")
        points = [(str(s.election.date.year), s.row.percent) for s in rows]
        words = self.v.renderer.words
        svg = charts.history_svg(
            points,
            colour=party.colour,
            chart_id=self.v.unique_id("history"),
            title=words.gettext("%(party)s: share of the vote by election", party=self.v.name(party.id)),
            description="; ".join(f"{label}: {words.percent(value)}" for label, value in points),
        )
        return self.v.component("history", party=party, standings=rows, svg=svg)

    def current_leaders(self, party: Party) -> list[Any]:
        """Who led the party on the page's date (a leader with no start date: we can't tell)."""
        return [leader for leader in party.leaders if self.v.is_current(leader)]

    def leaders_of(self, party: Party) -> list[Any]:
        """Leaders, the latest first; undated ones last, as listed."""
        dated = sorted((x for x in party.leaders if x.start_date), key=lambda x: x.start_date.sort_key, reverse=True)  # type: ignore[union-attr]
        return dated + [x for x in party.leaders if not x.start_date]

    def people_of(self, party: Party) -> list[Person]:
        self.v.reads.add(f"about:{party.id}")
        people = self.v.renderer.dataset.members.get(party.id, [])
        self.v.reads.update(f"rec:{person.id}" for person in people)
        return people

    def latest_standing(self, party: Party) -> Any:
        found = self.v.standings("party", party.id)
        return found[-1] if found else None

    def names_over_time(self, record: Record) -> list[dict[str, Any]]:
        """Every name the entity went by, in order, with the one in use on the page's date marked
        (the one the title and links use)."""
        renames = [o for o in record.other_names if o.is_rename]
        names: list[dict[str, Any]] = [
            {"name": o.name, "start": o.start_date, "end": o.end_date, "note": o.note, "lang": o.lang, "current": False}
            for o in renames
        ]
        # The main name covers what the renames leave: from the last former name's end
        # (or the founding) until the first later name's start.
        ended = [o.end_date for o in renames if o.end_date and not o.start_date]
        later = [o.start_date for o in renames if o.start_date]
        names.append(
            {
                "name": record.name,
                "start": max(ended, default=None) or getattr(record, "founded", None),
                "end": min(later, default=None),
                "note": None,
                "lang": None,
                "current": False,
            }
        )
        in_use = record.name_on(self.v.date) if self.v.date else None
        for entry in names:
            entry["current"] = (
                self.v.date is not None
                and entry["name"] == in_use
                and in_period(self.v.date.last_day(), entry["start"], entry["end"])
            )
        return sorted(names, key=lambda n: n["start"].sort_key if n["start"] else (0, 0, 0))
