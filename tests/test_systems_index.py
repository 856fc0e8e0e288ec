"""The index of electoral systems: totals over tiers, tiers, districts, areas, rounds, parties, people.

Built from real YAML (the minimal dataset plus ``test_systems.TIERED``) and loaded as a build would.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from election_explainers.core.data.dataset import Dataset
from election_explainers.core.data.loader import load
from election_explainers.core.data.models import Election
from election_explainers.core.index.results import compare, primary_set, standings_index
from election_explainers.core.index.systems import (
    district_winners,
    party_seats,
    person_districts,
    results_by_area,
    rounds,
    tier_results,
)
from test_systems import TIERED

MakeProject = Callable[..., Path]

# A later election with the same tiers, and a district decided in a second round.
LATER = """
    name: 2028 Cockaigne election
    country: ck
    date: 2028-05-07
    type: legislative
    chamber: assembly
    seats: 10
    tiers:
      - {id: list, name: Lists, seats: 6}
      - {id: districts, name: Districts, seats: 4}
    constituencies:
      - {id: north-1, name: North 1, region: north}
    results:
      - kind: official
        tier: list
        rows:
          - {party: red, votes: 250, percent: 50, seats: 3}
          - {alliance: {name: Blue Front, parties: [blue]}, votes: 250, percent: 50, seats: 3}
      - kind: official
        tier: districts
        rows:
          - {party: blue, seats: 4}
      - kind: official
        tier: districts
        area: north-1
        date: 2028-05-07
        rows:
          - {person: ann-smith, party: red, percent: 45}
          - {person: bob-jones, party: blue, percent: 40}
          - {option: Others, percent: 15}
      - kind: official
        tier: districts
        area: north-1
        round: 2
        date: 2028-05-21
        rows:
          - {person: ann-smith, party: red, votes: 480, percent: 48}
          - {person: bob-jones, party: blue, votes: 520, percent: 52, elected: true}
"""


def loaded(make_project: MakeProject, extra: dict[str, str] | None = None) -> Dataset:
    root = make_project({**TIERED, **(extra or {})})
    return load(root / "data", root / "docs", root=root)


def election(dataset: Dataset, election_id: str) -> Election:
    found = dataset.records[election_id]
    assert isinstance(found, Election)
    return found


def with_later(make_project: MakeProject) -> Dataset:
    return loaded(
        make_project,
        {
            "data/elections/ck-2028.yaml": LATER,
            "data/people/bob-jones.yaml": "name: Bob Jones\ncountry: ck\n",
        },
    )


def test_old_one_tier_file_keeps_its_primary_set_and_comparison(make_project: MakeProject) -> None:
    dataset = loaded(make_project)
    old = election(dataset, "ck-2020")
    assert primary_set(old) is old.results[0]
    comparison = compare(dataset, old)
    assert comparison.sets == old.results and comparison.primary is old.results[0]
    assert [line.key for line in comparison.lines] == ["party:red", "party:blue"]


def test_tiered_primary_set_totals_every_tier(make_project: MakeProject) -> None:
    dataset = loaded(make_project)
    tiered = election(dataset, "ck-2024")
    total = primary_set(tiered)
    assert total is not None
    assert [(r.party or r.option, r.votes, r.percent, r.seats) for r in total.rows] == [
        ("red", 300, 60, 7),
        ("blue", 200, 40, 2),
        ("Independents", None, None, 1),
    ]
    comparison = compare(dataset, tiered)
    assert comparison.sets == [total]  # the tiers' own and the areas' sets are shown by tier and by area
    assert comparison.total("seats") == 10
    assert comparison.previous is not None and comparison.previous.id == "ck-2020"
    changes = {line.key: line.change for line in comparison.lines}
    assert changes["party:red"] is not None and changes["party:red"].seats == 7 - 60
    assert changes["party:red"].percent == 0
    assert changes["option:Independents"] is not None and changes["option:Independents"].new
    # A party's history counts all its seats at a tiered election.
    history = standings_index(dataset)[("party", "red")]
    assert [(s.election.id, s.row.seats) for s in history] == [("ck-2020", 60), ("ck-2024", 7)]


def test_tier_results_compare_only_where_both_elections_have_the_tier(make_project: MakeProject) -> None:
    dataset = with_later(make_project)
    first = tier_results(dataset, election(dataset, "ck-2024"))
    assert [(t.tier.id, t.seats_filled, t.previous) for t in first] == [("list", 6, None), ("districts", 4, None)]
    later = tier_results(dataset, election(dataset, "ck-2028"))
    assert [t.tier.id for t in later] == ["list", "districts"]
    assert later[0].previous is not None and later[0].previous.id == "ck-2024"
    assert later[0].changes["party:red"].seats == -1 and later[0].changes["party:red"].percent == -10
    assert later[0].changes["alliance:Blue Front"].new
    assert later[1].changes["party:blue"].new and later[1].changes["party:blue"].seats is None


def test_district_winners_share_and_margin(make_project: MakeProject) -> None:
    dataset = with_later(make_project)
    first = district_winners(election(dataset, "ck-2024"))
    assert [d.constituency.id for d in first] == ["north-1", "south-1"]
    north = first[0].result
    assert north is not None and north.winner is not None
    assert (north.winner.person, north.share, north.margin) == ("ann-smith", 70, 40)
    assert first[1].result is None  # no count given for south-1
    # The second round decides: Bob Jones, marked elected, by 4 points.
    later = district_winners(election(dataset, "ck-2028"))[0].result
    assert later is not None and later.winner is not None
    assert (later.winner.person, later.share, later.margin, later.result_set.round) == ("bob-jones", 52, 4, 2)


def test_rounds_each_with_its_date_the_last_official_deciding(make_project: MakeProject) -> None:
    dataset = with_later(make_project)
    found = rounds(election(dataset, "ck-2028"), tier="districts", area="north-1")
    assert [(r.number, str(r.date), r.deciding) for r in found] == [(1, "2028-05-07", False), (2, "2028-05-21", True)]
    national = rounds(election(dataset, "ck-2024"), tier="list")
    assert [(r.number, str(r.date), r.deciding) for r in national] == [(1, "2024-05-05", True)]


def test_results_by_area_in_the_countrys_order(make_project: MakeProject) -> None:
    dataset = loaded(make_project)
    found = results_by_area(dataset, election(dataset, "ck-2024"))
    assert [
        (a.region.id, a.result.winner.party if a.result.winner else None, a.result.share, a.result.turnout)
        for a in found
    ] == [("north", "red", 65, 55.5)]
    assert results_by_area(dataset, election(dataset, "ck-2024"), tier="districts") == []


def test_party_seats_by_tier_and_alliances(make_project: MakeProject) -> None:
    dataset = with_later(make_project)
    blue = party_seats(dataset, "blue")
    assert [(p.election.id, [(t.id, r.seats) for t, r in p.by_tier], p.seats) for p in blue] == [
        ("ck-2024", [("list", 2)], 2),
        ("ck-2028", [("list", 3), ("districts", 4)], 4),
    ]
    assert [(t.id if t else None, r.alliance.name if r.alliance else None) for t, r in blue[1].alliances] == [
        ("list", "Blue Front")
    ]
    assert party_seats(dataset, "red")[0].seats == 7


def test_person_districts_won_and_lost(make_project: MakeProject) -> None:
    dataset = with_later(make_project)
    found = person_districts(dataset, "ann-smith")
    assert [(d.election.id, d.constituency.id, d.won, d.row.percent) for d in found] == [
        ("ck-2024", "north-1", True, 70),
        ("ck-2028", "north-1", False, 48),
    ]
    assert [(d.election.id, d.won) for d in person_districts(dataset, "bob-jones")] == [("ck-2028", True)]
