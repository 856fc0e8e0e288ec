"""Electoral systems on the pages: each tier's result, district winners, results by area, rounds;
a party's seats by tier and alliances; the districts a person stood in.

Every section is empty for an election without tiers, constituencies, area counts or
rounds, so old one-tier pages render as before. Look-ups go through the view's tracked
dataset (or note their keys) so incremental builds see what a section read.
"""

from __future__ import annotations

import re
from typing import Any, cast

from markupsafe import Markup, escape

from ...data.dataset import Dataset
from ...data.dates import PartialDate
from ...data.models import Election, Party, Person, Row
from ...index import systems
from ...index.results import choice_key
from .. import charts
from ..area_maps import AreaRow, area_map
from .election import ElectionPage
from .room import Room

VIEW_BOX = re.compile(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ')


class SystemsPage(Room):
    @property
    def data(self) -> Dataset:
        """The view's tracked dataset, which stands in for a Dataset and notes what is read."""
        return cast(Dataset, self.v.dataset)

    # -- one row's name, linked ---------------------------------------------------

    def row_name(self, row: Row, date: PartialDate | None) -> Markup:
        """A result row's name as a link: a candidate with their party, a party, a joint list with its members."""
        v = self.v
        if row.person:
            party = Markup(' <span class="ee-muted">({})</span>').format(v.link(row.party)) if row.party else ""
            return v.link(row.person, date=date) + party
        if row.party:
            return v.link(row.party, date=date) + v.now_note(row.party, date)
        if row.alliance is not None:
            members = Markup(", ").join(v.link(p, date=date) for p in row.alliance.parties)
            return Markup('{} <span class="ee-muted">({})</span>').format(row.alliance.name, members)
        return escape(str(row.option))

    # -- election page ----------------------------------------------------------

    def tiers(self, election: Election) -> Markup:
        """Each tier's national result: the list vote as bars with its threshold, seats and change per tier."""
        if not election.tiers:
            return Markup("")
        found = systems.tier_results(self.data, election)
        if not any(t.result_set is not None for t in found):
            return Markup("")
        return self.v.component("tiers", election=election, tiers=found, chart=self.tier_chart)

    def vote_chart(self, election: Election) -> Markup:
        """The page's vote bars: for an election with tiers each tier draws its own (with its threshold)."""
        if any(t.result_set is not None for t in systems.tier_results(self.data, election)):
            return Markup("")
        return ElectionPage(self.v).vote_chart(election)

    def tier_chart(self, election: Election, tier: systems.TierResult) -> Markup:
        result_set = tier.result_set
        if result_set is None or not any(r.percent is not None for r in result_set.rows):
            return Markup("")
        parts = [
            charts.ChartPart(self.v.result_label(row, election.date), self.v.row_colour(row), percent=row.percent)
            for row in result_set.rows
            if row.percent is not None
        ]
        words = self.v.renderer.words
        title = words.gettext(
            "%(tier)s: share of the vote, %(election)s", tier=tier.tier.name, election=self.v.name(election.id)
        )
        return ElectionPage(self.v).vote_bars(parts, self.v.unique_id("tier-votes"), title, tier.tier.threshold)

    def districts(self, election: Election) -> Markup:
        """The district winners as a table: district, winner, party, share, margin."""
        found = systems.district_winners(election)
        if not found:
            return Markup("")
        return self.v.component("districts", election=election, districts=found)

    def areas(self, election: Election) -> Markup:
        """Results by region: the map beside the table of the same figures."""
        self.v.reads.add(f"rec:{election.country}")  # regions, tiles and the map live with the country
        drawn = area_map(self.v.renderer.dataset, election)
        if drawn is not None:
            rows = drawn.rows
        else:  # no shapes or tiles for these regions: the table alone
            rows = [
                AreaRow(a.region, None, a.result.winner, a.result.share, a.result.turnout)
                for a in systems.results_by_area(self.data, election)
            ]
        if not rows:
            return Markup("")
        for row in rows:
            if row.winner_row is not None:
                self.v.reads.update(f"rec:{e}" for e in (row.winner_row.party, row.winner_row.person) if e)
        svg = Markup(drawn.svg) if drawn is not None else Markup("")  # area_maps escapes every data string
        # The map's own width: never drawn larger (a two-tile map would fill a phone with its legend).
        found = VIEW_BOX.search(drawn.svg) if drawn is not None else None
        width = round(float(found.group(1))) if found else None
        return self.v.component("areas", election=election, drawn=drawn, rows=rows, svg=svg, width=width)

    def rounds(self, election: Election) -> Markup:
        """Both rounds of a two-round national vote, each with its date; the deciding one marked."""
        found = systems.rounds(election)
        if len(found) < 2:
            return Markup("")
        return self.v.component("rounds", election=election, rounds=found, ranked=systems.shares)

    # -- party and person pages ----------------------------------------------------

    def party_seats(self, party: Party) -> Markup:
        """A party's list and district seats at each election with tiers, and the joint lists it stood in."""
        self.v.reads.add(f"about:{party.id}")
        found = systems.party_seats(self.v.renderer.dataset, party.id)
        self.v.reads.update(f"rec:{s.election.id}" for s in found)
        if not found:
            return Markup("")
        return self.v.component("party-seats", party=party, entries=found)

    def person_districts(self, person: Person) -> Markup:
        """The districts a person stood in, won or lost."""
        self.v.reads.add(f"about:{person.id}")
        found = systems.person_districts(self.v.renderer.dataset, person.id)
        self.v.reads.update(f"rec:{s.election.id}" for s in found)
        if not found:
            return Markup("")
        return self.v.component("person-districts", person=person, entries=found)

    def change_of(self, tier: systems.TierResult, row: Row) -> Any:
        """A tier row's change since the previous election's same tier (None where it has none)."""
        return tier.changes.get(choice_key(row)) if tier.previous is not None else None
