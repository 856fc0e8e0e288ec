"""Results arithmetic: side-by-side result sets, change since the last election, histories."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..data.dataset import Dataset
from ..data.models import Election, Party, ResultSet, Row
from .counting import current_sets
from .tracking import TrackedDataset

# Which result set speaks for an election when several exist.
PRIMARY_ORDER = ("official", "preliminary", "exit_poll", "poll")
KIND_LABELS = {
    "official": "Official results",
    "preliminary": "Preliminary results",
    "exit_poll": "Exit poll",
    "poll": "Opinion poll",
}


def choice_key(row: Row) -> str:
    """What a row is a result for: ``party:x``, ``person:y``, ``alliance:Name`` or ``option:Against all``."""
    if row.person:
        return f"person:{row.person}"
    if row.party:
        return f"party:{row.party}"
    if row.alliance:
        return f"alliance:{row.alliance.name}"
    return f"option:{row.option}"


def best_set(sets: Iterable[ResultSet]) -> ResultSet | None:
    """The official count if there is one, else the best available; of a vote in rounds, the last round;
    of a count's history, the newest (the last in the file)."""
    ranked = sorted(
        enumerate(sets),
        key=lambda item: (
            PRIMARY_ORDER.index(item[1].kind),
            -(item[1].round or 0),
            -(item[1].date.sort_key[0] if item[1].date else 0),
            -item[0] if item[1].kind == "preliminary" else 0,
        ),
    )
    return ranked[0][1] if ranked else None


def primary_set(election: Election) -> ResultSet | None:
    """The set that speaks for the whole election: for one with tiers, the national totals over all tiers.

    One area's own count never speaks for the election; of a vote in rounds, the last round does.
    """
    if election.tiers:
        return national_total(election)
    return best_set(s for s in election.results if s.area is None)


def tier_set(election: Election, tier_id: str) -> ResultSet | None:
    """A tier's national count (no area): official first, the last round."""
    return best_set(s for s in election.results if s.tier == tier_id and s.area is None)


def _has_vote(result_set: ResultSet) -> bool:
    return any(r.votes is not None or r.percent is not None for r in result_set.rows)


def national_total(election: Election) -> ResultSet | None:
    """One set for the whole election: seats summed over every tier, the vote from the first tier that has one.

    In a mixed system the list vote is the national vote; district tiers add
    their seats (by party, or as an option such as "Self-nominated").
    """
    sets = [s for t in election.tiers if (s := tier_set(election, t.id)) is not None]
    if not sets:
        return best_set(s for s in election.results if s.tier is None and s.area is None)
    voting = next((s for s in sets if _has_vote(s)), sets[0])
    totals: dict[str, dict[str, object]] = {}
    for result_set in [voting, *(s for s in sets if s is not voting)]:
        for row in result_set.rows:
            key = choice_key(row)
            entry = totals.setdefault(
                key,
                {"party": row.party, "person": row.person, "option": row.option, "alliance": row.alliance},
            )
            if result_set is voting:
                entry["votes"], entry["percent"] = row.votes, row.percent
            if row.seats is not None:
                entry["seats"] = int(entry.get("seats") or 0) + row.seats  # type: ignore[call-overload]
    rows = [Row.model_validate({k: v for k, v in entry.items() if v is not None}) for entry in totals.values()]
    return ResultSet(kind=voting.kind, source=voting.source, date=voting.date, rows=rows)


def set_label(result_set: ResultSet) -> str:
    label = KIND_LABELS[result_set.kind]
    return f"{label} ({result_set.pollster})" if result_set.pollster else label


@dataclass
class Change:
    seats: int | None = None
    percent: float | None = None
    via: str | None = None  # the predecessor compared with, if not the party itself
    new: bool = False  # did not stand last time


@dataclass
class Line:
    """One party, candidate or option across every result set of an election."""

    key: str
    row: Row  # the row in the primary set (or the first set that has it)
    cells: list[Row | None]  # one per result set, in the election's order
    change: Change | None = None


@dataclass
class Comparison:
    election: Election
    sets: list[ResultSet]
    primary: ResultSet | None
    lines: list[Line] = field(default_factory=list)
    previous: Election | None = None

    @property
    def has_seats(self) -> bool:
        return self.primary is not None and any(r.seats is not None for r in self.primary.rows)

    @property
    def has_votes(self) -> bool:
        return self.primary is not None and any(r.votes is not None for r in self.primary.rows)

    def total(self, attribute: str) -> float | None:
        if self.primary is None:
            return None
        values = [getattr(r, attribute) for r in self.primary.rows if getattr(r, attribute) is not None]
        return sum(values) if values else None


def side_by_side(election: Election, primary: ResultSet | None) -> list[ResultSet]:
    """The sets shown beside the primary one: national counts of the same round (all of an old file's sets).

    With tiers, the primary set is the national total and each tier's own sets are shown by tier.
    """
    if election.tiers:
        others = [s for s in election.results if s.tier is None and s.area is None]
        return [primary, *others] if primary is not None else others
    final = primary.round if primary is not None else None
    return [s for s in election.results if s.area is None and s.round == final]


def compare(dataset: Dataset | TrackedDataset, election: Election) -> Comparison:
    """Every result set side by side, in the primary set's order, with change since last time.

    Of a count's history only the newest preliminary set takes part (:func:`.counting.history` has the rest).
    """
    primary = primary_set(election)
    current = {id(s) for s in current_sets(election)}
    sets = [s for s in side_by_side(election, primary) if s is primary or id(s) in current]
    ordered = [primary, *(s for s in sets if s is not primary)] if primary else []
    lines: dict[str, Line] = {}
    for result_set in ordered:
        for row in result_set.rows:
            key = choice_key(row)
            if key not in lines:
                lines[key] = Line(key, row, [None] * len(sets))
    for index, result_set in enumerate(sets):
        for row in result_set.rows:
            lines[choice_key(row)].cells[index] = row
    previous = dataset.previous_election(election)
    comparison = Comparison(election, sets, primary, list(lines.values()), previous)
    if previous is not None and primary is not None:
        _add_changes(dataset, comparison, previous)
    return comparison


def _add_changes(dataset: Dataset | TrackedDataset, comparison: Comparison, previous: Election) -> None:
    before_set = primary_set(previous)
    if before_set is None or comparison.primary is None:
        return
    column = comparison.sets.index(comparison.primary)
    before = {choice_key(row): row for row in before_set.rows}
    for line in comparison.lines:
        if line.cells[column] is None:
            continue
        old, via = before.get(line.key), None
        party = dataset.get(line.row.party) if line.row.party else None
        if old is None and isinstance(party, Party):
            for predecessor in party.predecessor:
                if f"party:{predecessor}" in before:
                    old, via = before[f"party:{predecessor}"], predecessor
                    break
        if old is None:
            line.change = Change(new=True)
            continue
        row = line.row
        line.change = Change(
            seats=row.seats - old.seats if row.seats is not None and old.seats is not None else None,
            percent=round(row.percent - old.percent, 2)
            if row.percent is not None and old.percent is not None
            else None,
            via=via,
        )


@dataclass
class Standing:
    """A party's or person's result at one election."""

    election: Election
    row: Row
    result_set: ResultSet


def standings_index(dataset: Dataset) -> dict[tuple[str, str], list[Standing]]:
    """(``"party"`` or ``"person"``, id) → every election whose primary set names it, oldest first."""
    index: dict[tuple[str, str], list[Standing]] = defaultdict(list)
    for election in dataset.elections:
        result_set = primary_set(election)
        if result_set is None:
            continue
        named: set[tuple[str, str]] = set()
        for row in result_set.rows:
            for key in (("party", row.party), ("person", row.person)):
                if key[1] and key not in named:
                    named.add(key)  # type: ignore[arg-type]
                    index[key].append(Standing(election, row, result_set))  # type: ignore[index]
    return index
