"""Electoral systems for the pages: totals over tiers, each tier's result, districts, areas, rounds.

Pure functions of the loaded data. An election without tiers, areas or
rounds gives what it always did through :mod:`.results`; these add the
views a mixed or two-round election needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..data.dataset import Dataset
from ..data.dates import PartialDate
from ..data.models import Constituency, Country, Election, Region, ResultSet, Row, Tier
from .results import Change, best_set, choice_key, tier_set


@dataclass
class TierResult:
    """One tier's national result, with change since the previous election's same tier."""

    tier: Tier
    result_set: ResultSet | None
    previous: Election | None = None  # set only when the previous election has this tier too
    changes: dict[str, Change] = field(default_factory=dict)  # choice_key -> change

    @property
    def seats_filled(self) -> int:
        return sum(r.seats or 0 for r in self.result_set.rows) if self.result_set else 0


def tier_results(dataset: Dataset, election: Election) -> list[TierResult]:
    """Each tier's national result in the election's order, with change where both elections have the tier."""
    previous = dataset.previous_election(election)
    before = {t.id for t in previous.tiers} if previous is not None else set()
    results = []
    for tier in election.tiers:
        result = TierResult(tier, tier_set(election, tier.id))
        old_set = tier_set(previous, tier.id) if previous is not None and tier.id in before else None
        if result.result_set is not None and old_set is not None:
            result.previous = previous
            old = {choice_key(r): r for r in old_set.rows}
            for row in result.result_set.rows:
                key = choice_key(row)
                result.changes[key] = _change(row, old.get(key))
        results.append(result)
    return results


def _change(row: Row, old: Row | None) -> Change:
    if old is None:
        return Change(new=True)
    return Change(
        seats=row.seats - old.seats if row.seats is not None and old.seats is not None else None,
        percent=round(row.percent - old.percent, 2) if row.percent is not None and old.percent is not None else None,
    )


def shares(result_set: ResultSet) -> list[tuple[Row, float | None]]:
    """Each row with its share in percent: as given, else from the votes; best first."""
    total = sum(r.votes or 0 for r in result_set.rows)
    found = []
    for row in result_set.rows:
        share = row.percent
        if share is None and row.votes is not None and total:
            share = round(100 * row.votes / total, 2)
        found.append((row, share))
    return sorted(found, key=lambda item: -(item[1] if item[1] is not None else -1))


@dataclass
class Contest:
    """One area's count: its winner, the winner's share and margin over the runner-up (points)."""

    result_set: ResultSet
    winner: Row | None
    share: float | None
    runner_up: Row | None
    margin: float | None

    @property
    def turnout(self) -> float | None:
        return self.result_set.turnout


def contest(result_set: ResultSet) -> Contest:
    """The winner is the row marked ``elected``, else the one with the largest share."""
    ranked = shares(result_set)
    elected = [item for item in ranked if item[0].elected]
    winner = elected[0] if elected else (ranked[0] if ranked and ranked[0][1] is not None else None)
    others = [item for item in ranked if winner is None or item[0] is not winner[0]]
    runner = others[0] if others else None
    margin = None
    if winner is not None and runner is not None and winner[1] is not None and runner[1] is not None:
        margin = round(winner[1] - runner[1], 2)
    return Contest(
        result_set,
        winner[0] if winner else None,
        winner[1] if winner else None,
        runner[0] if runner else None,
        margin,
    )


def area_set(election: Election, area: str, tier: str | None = None) -> ResultSet | None:
    """An area's own count (of one tier, if given): official first, the last round, the first tier."""
    candidates = [s for s in election.results if s.area == area and (tier is None or s.tier == tier)]
    if tier is None and election.tiers:
        order = [t.id for t in election.tiers]
        first = min((order.index(s.tier) if s.tier in order else len(order)) for s in candidates) if candidates else 0
        candidates = [s for s in candidates if (order.index(s.tier) if s.tier in order else len(order)) == first]
    return best_set(candidates)


@dataclass
class District:
    constituency: Constituency
    result: Contest | None  # None: no count given for it


def district_winners(election: Election) -> list[District]:
    """Every constituency in the election's order with its count's winner, share and margin."""
    districts = []
    for constituency in election.constituencies:
        found = area_set(election, constituency.id)
        districts.append(District(constituency, contest(found) if found is not None else None))
    return districts


@dataclass
class AreaResult:
    region: Region
    result: Contest


def regions_on(country: Country | None, day: PartialDate) -> list[Region]:
    """The country's regions that existed on ``day``."""
    from ..data.system_checks import region_exists_on  # data's own rule, one place

    return [r for r in (country.regions if country else []) if region_exists_on(r, day)]


def results_by_area(dataset: Dataset, election: Election, tier: str | None = None) -> list[AreaResult]:
    """Each region with a count of its own (of ``tier``, if given): winner, share, turnout; in the country's order."""
    country = dataset.get(election.country)
    found = []
    for region in regions_on(country if isinstance(country, Country) else None, election.date):
        result_set = area_set(election, region.id, tier)
        if result_set is not None:
            found.append(AreaResult(region, contest(result_set)))
    return found


@dataclass
class Round:
    number: int
    result_set: ResultSet
    date: PartialDate | None  # the round's own date, else the election's
    deciding: bool = False


def rounds(election: Election, tier: str | None = None, area: str | None = None) -> list[Round]:
    """Each round of a count (national by default), first to last; the last official round decides.

    A set without ``round`` is round 1. An election of one round gives one.
    """
    sets = [s for s in election.results if s.tier == tier and s.area == area]
    numbers = sorted({s.round or 1 for s in sets})
    found = []
    for number in numbers:
        chosen = best_set(s for s in sets if (s.round or 1) == number)
        assert chosen is not None
        found.append(Round(number, chosen, chosen.date or (election.date if number == 1 else None)))
    official = [r for r in found if r.result_set.kind == "official"]
    if official:
        official[-1].deciding = True
    return found


@dataclass
class PartySeats:
    """A party's seats at one election with tiers, tier by tier, and the alliances it stood in."""

    election: Election
    by_tier: list[tuple[Tier, Row]]  # the party's (or its alliance's) row in each tier's national set
    alliances: list[tuple[Tier | None, Row]]  # rows of a joint list the party belongs to

    @property
    def seats(self) -> int:
        return sum(row.seats or 0 for _, row in self.by_tier if row.party is not None)


def _names_party(row: Row, party_id: str) -> bool:
    return row.party == party_id or (row.alliance is not None and party_id in row.alliance.parties)


def party_seats(dataset: Dataset, party_id: str) -> list[PartySeats]:
    """Every election where the party (alone or in an alliance) has a row in a national set, oldest first.

    For an election with tiers, ``by_tier`` gives its list and district seats; for any election,
    ``alliances`` the joint lists it stood in.
    """
    found = []
    for election in dataset.elections:
        by_tier: list[tuple[Tier, Row]] = []
        for tier in election.tiers:
            result_set = tier_set(election, tier.id)
            for row in result_set.rows if result_set else []:
                if _names_party(row, party_id):
                    by_tier.append((tier, row))
        alliances: list[tuple[Tier | None, Row]] = [(t, r) for t, r in by_tier if r.alliance is not None]
        if not election.tiers:
            national = best_set(s for s in election.results if s.area is None)
            for row in national.rows if national else []:
                if row.alliance is not None and party_id in row.alliance.parties:
                    alliances.append((None, row))
        if by_tier or alliances:
            found.append(PartySeats(election, by_tier, alliances))
    return found


@dataclass
class DistrictStanding:
    """A candidate in one district's deciding count."""

    election: Election
    constituency: Constituency
    row: Row
    won: bool
    result: Contest


def person_districts(dataset: Dataset, person_id: str) -> list[DistrictStanding]:
    """Every district a person stood in (its deciding count), oldest election first, won or lost."""
    found = []
    for election in dataset.elections:
        for district in district_winners(election):
            if district.result is None:
                continue
            for row in district.result.result_set.rows:
                if row.person == person_id:
                    found.append(
                        DistrictStanding(
                            election, district.constituency, row, district.result.winner is row, district.result
                        )
                    )
    return found
