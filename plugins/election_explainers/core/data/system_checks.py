"""Checks of electoral systems: tiers, constituencies, areas, rounds, alliances, a country's regions.

Every problem is located on the field that is wrong, with the closest known
ids for an unknown one, like the checks in :mod:`.checks`.
"""

from __future__ import annotations

from collections import Counter

from .dataset import Dataset
from .dates import PartialDate, in_period
from .models import Country, Election, Region, ResultSet
from .problems import FieldPath, Problem, did_you_mean, printable
from .yamlfile import YamlFile

# How far a set's turnout may differ from its votes cast / registered voters, in points (as for an election).
TURNOUT_TOLERANCE = 0.5


def check_regions(country: Country, source: YamlFile) -> list[Problem]:
    """Region ids unique, one region per tile, ends after starts."""
    problems = []
    seen: dict[str, int] = {}
    tiles: dict[tuple[int, int], int] = {}
    for i, region in enumerate(country.regions):
        if region.id in seen:
            problems.append(
                source.problem(
                    ("regions", i, "id"), f"the region id '{region.id}' is already used by regions[{seen[region.id]}]"
                )
            )
        seen.setdefault(region.id, i)
        if region.tile is not None:
            tile = (region.tile[0], region.tile[1])
            if tile in tiles:
                problems.append(
                    source.problem(
                        ("regions", i, "tile"), f"regions[{tiles[tile]}] already stands on tile {list(tile)}"
                    )
                )
            tiles.setdefault(tile, i)
        if region.start_date and region.end_date and region.end_date.last_day() < region.start_date.first_day():
            problems.append(
                source.problem(
                    ("regions", i, "end_date"), f"ends ({region.end_date}) before it starts ({region.start_date})"
                )
            )
    return problems


def region_exists_on(region: Region, day: PartialDate) -> bool:
    """Whether ``region`` existed on (some day of) ``day``."""
    return in_period(day.last_day(), region.start_date, None) and in_period(day.first_day(), None, region.end_date)


def check_system(dataset: Dataset, election: Election, source: YamlFile) -> list[Problem]:
    """Tiers, constituencies and the tier, area and round of every result set."""
    country = dataset.get(election.country)
    if not isinstance(country, Country):
        # Unknown or broken (reported on its own), or not in this pass over salvaged records.
        return []
    regions: dict[str, Region] = {}
    for region in country.regions:
        regions.setdefault(region.id, region)  # a duplicate id is reported on the country
    problems = _check_tiers(election, source)
    problems += _check_constituencies(election, regions, source)
    for i, result_set in enumerate(election.results):
        at: FieldPath = ("results", i)
        problems += _check_tier_of(election, result_set, at, source)
        problems += _check_area_of(election, result_set, regions, at, source)
        problems += _check_set_turnout(result_set, at, source)
    problems += _check_rounds(election, source)
    return problems


def _duplicates(ids: list[str], field: str, source: YamlFile, what: str) -> list[Problem]:
    problems = []
    first: dict[str, int] = {}
    for i, item in enumerate(ids):
        if item in first:
            problems.append(
                source.problem((field, i, "id"), f"the {what} id '{item}' is already used by {field}[{first[item]}]")
            )
        first.setdefault(item, i)
    return problems


def _check_tiers(election: Election, source: YamlFile) -> list[Problem]:
    problems = _duplicates([t.id for t in election.tiers], "tiers", source, "tier")
    wanted = election.seats_contested if election.seats_contested is not None else election.seats
    if election.tiers and wanted is not None:
        total = sum(t.seats for t in election.tiers)
        if total != wanted:
            which = "seats_contested" if election.seats_contested is not None else "seats"
            listed = " + ".join(str(t.seats) for t in election.tiers)
            problems.append(
                source.problem(
                    ("tiers",), f"the tiers' seats add up to {total} ({listed}), not the election's {which} ({wanted})"
                )
            )
    return problems


def _check_constituencies(election: Election, regions: dict[str, Region], source: YamlFile) -> list[Problem]:
    problems = _duplicates([c.id for c in election.constituencies], "constituencies", source, "constituency")
    if election.constituencies and not election.tiers:
        problems.append(
            source.problem(
                ("constituencies",),
                "constituencies belong to an election with tiers: add tiers (one for the districts)",
            )
        )
    for i, constituency in enumerate(election.constituencies):
        if constituency.id in regions:
            problems.append(
                source.problem(
                    ("constituencies", i, "id"),
                    f"'{constituency.id}' is also a region of {election.country}: an area naming it would be ambiguous",
                )
            )
        if constituency.region is not None:
            problems += _region_problems(
                election, constituency.region, regions, ("constituencies", i, "region"), source
            )
    return problems


def _region_problems(
    election: Election, region_id: str, regions: dict[str, Region], field: FieldPath, source: YamlFile
) -> list[Problem]:
    region = regions.get(region_id)
    if region is None:
        hint = did_you_mean(region_id, regions) if regions else f" ({election.country}'s file lists no regions)"
        return [source.problem(field, f"unknown region '{printable(region_id)}' of {election.country}{hint}")]
    if not region_exists_on(region, election.date):
        span = f"{region.start_date or '…'} to {region.end_date or '…'}"
        return [source.problem(field, f"the region '{region_id}' did not exist on {election.date} (it exists {span})")]
    return []


def _check_tier_of(election: Election, result_set: ResultSet, at: FieldPath, source: YamlFile) -> list[Problem]:
    if result_set.tier is None:
        return []
    tiers = {t.id: t for t in election.tiers}
    tier = tiers.get(result_set.tier)
    if tier is None:
        if not tiers:
            return [
                source.problem((*at, "tier"), f"the election has no tiers, so no tier '{printable(result_set.tier)}'")
            ]
        return [
            source.problem(
                (*at, "tier"), f"unknown tier '{printable(result_set.tier)}'{did_you_mean(result_set.tier, tiers)}"
            )
        ]
    seats = sum(row.seats or 0 for row in result_set.rows)
    if result_set.area is None and seats > tier.seats:
        return [
            source.problem(
                (*at, "rows"), f"the rows win {seats} seats, more than the {tier.seats} seats of the tier '{tier.id}'"
            )
        ]
    return []


def _check_area_of(
    election: Election, result_set: ResultSet, regions: dict[str, Region], at: FieldPath, source: YamlFile
) -> list[Problem]:
    area = result_set.area
    if area is None:
        return []
    constituencies = {c.id: c for c in election.constituencies}
    constituency = constituencies.get(area)
    if constituency is None:
        if area in regions:
            return _region_problems(election, area, regions, (*at, "area"), source)
        known = [*constituencies, *regions]
        return [
            source.problem(
                (*at, "area"),
                f"unknown area '{printable(area)}': not a constituency of the election nor a region of "
                f"{election.country}{did_you_mean(area, known)}",
            )
        ]
    if not election.tiers:
        return [source.problem((*at, "area"), f"the constituency '{area}' is an area of an election without tiers")]
    elected = [j for j, row in enumerate(result_set.rows) if row.elected]
    if len(elected) > constituency.seats:
        seats = f"{constituency.seats} seat{'s' if constituency.seats != 1 else ''}"
        return [
            source.problem(
                (*at, "rows", elected[constituency.seats], "elected"),
                f"{len(elected)} rows are elected in '{area}', which has {seats}",
            )
        ]
    return []


def _check_set_turnout(result_set: ResultSet, at: FieldPath, source: YamlFile) -> list[Problem]:
    problems = []
    if result_set.votes_cast is not None and result_set.registered_voters is not None:
        if result_set.votes_cast > result_set.registered_voters:
            problems.append(
                source.problem(
                    (*at, "votes_cast"),
                    f"{result_set.votes_cast:,} votes cast is more than the {result_set.registered_voters:,} registered voters",
                )
            )
        elif result_set.turnout is not None and result_set.registered_voters:
            computed = 100 * result_set.votes_cast / result_set.registered_voters
            if abs(computed - result_set.turnout) > TURNOUT_TOLERANCE:
                problems.append(
                    source.problem(
                        (*at, "turnout"),
                        f"turnout {result_set.turnout}% disagrees with votes_cast / registered_voters = {computed:.2f}%"
                        f" (more than {TURNOUT_TOLERANCE} points apart)",
                    )
                )
    return problems


def _check_rounds(election: Election, source: YamlFile) -> list[Problem]:
    """A round n > 1 needs a round n - 1 of the same tier and area (a set without round is round 1)."""
    present = Counter((s.tier, s.area, s.round or 1) for s in election.results)
    problems = []
    for i, result_set in enumerate(election.results):
        number = result_set.round or 1
        if number > 1 and (result_set.tier, result_set.area, number - 1) not in present:
            where = f" of the area '{result_set.area}'" if result_set.area else ""
            problems.append(
                source.problem(
                    ("results", i, "round"),
                    f"round {number} has no round {number - 1}{where}: add the earlier round's result set",
                )
            )
    return problems
