"""Electoral systems in the data: tiers, constituencies, areas, rounds, alliances and regions.

Each test writes the minimal dataset plus a mixed-system election (``TIERED``)
into ``tmp_path``, breaks one thing and compares the printed problems in full.
Line map of ``data/elections/ck-2024.yaml``::

     1 name                11     seats: 6          21       - {party: red, votes: 300, percent: 60, seats: 4}
     2 country             12   - id: districts     22       - {party: blue, votes: 200, percent: 40, seats: 2}
     3 date                13     name: Districts   23   - kind: official
     4 type                14     seats: 4          24     tier: districts
     5 chamber             15 constituencies:       25     rows:
     6 seats               16   - {id: north-1, ... 26       - {party: red, seats: 3}
     7 seats_contested     17   - {id: south-1, ... 27       - {option: Independents, seats: 1}
     8 tiers:              18 results:              28   - kind: official
     9   - id: list        19   - kind: official    29     tier: districts
    10     name: Lists     20     tier: list        30     area: north-1 ...
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import problems
from election_explainers.core.data.loader import load

MakeProject = Callable[..., Path]
ELECTION = "data/elections/ck-2024.yaml"
COUNTRY = "data/countries/ck.yaml"

TIERED = {
    COUNTRY: """
        name: Cockaigne
        iso_code: CK
        chambers:
          - id: assembly
            name: Assembly
            seats: 100
        regions:
          - {id: north, name: North, kind: region, tile: [0, 0]}
          - {id: south, name: South, kind: region, tile: [1, 0], start_date: 2022}
          - {id: old-east, name: Old East, tile: [0, 1], end_date: 2021}
    """,
    ELECTION: """
        name: 2024 Cockaigne election
        country: ck
        date: 2024-05-05
        type: legislative
        chamber: assembly
        seats: 12
        seats_contested: 10
        tiers:
          - id: list
            name: Lists
            seats: 6
          - id: districts
            name: Districts
            seats: 4
        constituencies:
          - {id: north-1, name: North 1, region: north}
          - {id: south-1, name: South 1, region: south}
        results:
          - kind: official
            tier: list
            rows:
              - {party: red, votes: 300, percent: 60, seats: 4}
              - {party: blue, votes: 200, percent: 40, seats: 2}
          - kind: official
            tier: districts
            rows:
              - {party: red, seats: 3}
              - {option: Independents, seats: 1}
          - kind: official
            tier: districts
            area: north-1
            rows:
              - {person: ann-smith, party: red, votes: 70, percent: 70, elected: true}
              - {option: Independent, votes: 30, percent: 30}
          - kind: official
            tier: list
            area: north
            turnout: 55.5
            rows:
              - {party: red, percent: 65}
              - {party: blue, percent: 35}
    """,
}


def edit(root: Path, relative: str, old: str, new: str) -> Path:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {relative}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return root


def test_tiered_election_is_valid(make_project: MakeProject) -> None:
    root = make_project(TIERED)
    dataset = load(root / "data", root / "docs", root=root)
    election = dataset.records["ck-2024"]
    assert [t.id for t in election.tiers] == ["list", "districts"]  # type: ignore[attr-defined]
    assert election.results[2].rows[0].elected is True  # type: ignore[attr-defined]


def test_unknown_tier_did_you_mean(make_project: MakeProject) -> None:
    root = edit(make_project(TIERED), ELECTION, "    tier: list\n    rows", "    tier: lists\n    rows")
    assert problems(root) == [f"{ELECTION}:20:11: results[0].tier: unknown tier 'lists'; did you mean 'list'?"]


def test_tier_in_an_election_without_tiers(make_project: MakeProject) -> None:
    root = edit(
        make_project(), "data/elections/ck-2020.yaml", "  - kind: official\n", "  - kind: official\n    tier: list\n"
    )
    assert problems(root) == [
        "data/elections/ck-2020.yaml:12:11: results[0].tier: the election has no tiers, so no tier 'list'"
    ]


def test_unknown_area_did_you_mean(make_project: MakeProject) -> None:
    root = edit(make_project(TIERED), ELECTION, "area: north-1", "area: north-2")
    assert problems(root) == [
        f"{ELECTION}:31:11: results[2].area: unknown area 'north-2': not a constituency of the election"
        " nor a region of ck; did you mean 'north-1' or 'north'?"
    ]


def test_unknown_region_of_a_constituency(make_project: MakeProject) -> None:
    root = edit(make_project(TIERED), ELECTION, "region: north}", "region: nort}")
    assert problems(root) == [
        f"{ELECTION}:16:42: constituencies[0].region: unknown region 'nort' of ck; did you mean 'north'?"
    ]


def test_region_unknown_when_the_country_has_none(make_project: MakeProject) -> None:
    root = make_project(TIERED)
    (root / COUNTRY).write_text("name: Cockaigne\nchambers: [{id: assembly, name: Assembly}]\n", encoding="utf-8")
    assert problems(root) == [
        f"{ELECTION}:16:42: constituencies[0].region: unknown region 'north' of ck (ck's file lists no regions)",
        f"{ELECTION}:17:42: constituencies[1].region: unknown region 'south' of ck (ck's file lists no regions)",
        f"{ELECTION}:37:11: results[3].area: unknown area 'north': not a constituency of the election"
        " nor a region of ck; did you mean 'north-1'?",
    ]


def test_constituency_area_in_an_election_without_tiers(make_project: MakeProject) -> None:
    root = make_project(TIERED)
    edit(
        root,
        ELECTION,
        "seats_contested: 10\ntiers:\n  - id: list\n    name: Lists\n    seats: 6\n  - id: districts\n    name: Districts\n    seats: 4\n",
        "",
    )
    found = problems(root)
    assert (
        f"{ELECTION}:8:3: constituencies: constituencies belong to an election with tiers: add tiers (one for the districts)"
        in found
    )
    assert (
        f"{ELECTION}:23:11: results[2].area: the constituency 'north-1' is an area of an election without tiers"
        in found
    )


def test_region_area_is_allowed_without_tiers(make_project: MakeProject) -> None:
    root = make_project(TIERED)
    edit(
        root,
        "data/elections/ck-2020.yaml",
        "results:\n",
        "results:\n  - kind: official\n    area: north\n    turnout: 50\n    rows: [{party: red, percent: 55}]\n",
    )
    assert problems(root) == []


def test_region_outside_its_dates(make_project: MakeProject) -> None:
    root = make_project(TIERED)
    edit(root, ELECTION, "area: north\n", "area: old-east\n")
    edit(root, COUNTRY, "start_date: 2022}", "start_date: 2024-06}")
    assert problems(root) == [
        f"{ELECTION}:17:42: constituencies[1].region: the region 'south' did not exist on 2024-05-05"
        " (it exists 2024-06 to …)",
        f"{ELECTION}:37:11: results[3].area: the region 'old-east' did not exist on 2024-05-05 (it exists … to 2021)",
    ]


def test_tiers_that_do_not_add_up(make_project: MakeProject) -> None:
    root = edit(make_project(TIERED), ELECTION, "seats_contested: 10\n", "")
    assert problems(root) == [
        f"{ELECTION}:8:3: tiers: the tiers' seats add up to 10 (6 + 4), not the election's seats (12)"
    ]


def test_national_set_over_its_tiers_seats(make_project: MakeProject) -> None:
    root = edit(make_project(TIERED), ELECTION, "{party: red, seats: 3}", "{party: red, seats: 4}")
    assert problems(root) == [
        f"{ELECTION}:27:7: results[1].rows: the rows win 5 seats, more than the 4 seats of the tier 'districts'"
    ]


def test_alliance_naming_an_unknown_party(make_project: MakeProject) -> None:
    root = edit(
        make_project(TIERED),
        ELECTION,
        "- {party: blue, votes: 200, percent: 40, seats: 2}",
        "- {alliance: {name: Blue and friends, parties: [blue, blu]}, votes: 200, percent: 40, seats: 2}",
    )
    assert problems(root) == [
        f"{ELECTION}:23:61: results[0].rows[1].alliance.parties[1]: unknown party 'blu'; did you mean 'blue'?"
    ]


def test_alliance_beside_a_party_is_refused(make_project: MakeProject) -> None:
    root = edit(
        make_project(TIERED),
        ELECTION,
        "- {party: blue, votes: 200",
        "- {party: blue, alliance: {name: B, parties: [blue]}, votes: 200",
    )
    found = problems(root)
    assert len(found) == 1 and "a row names an alliance instead of a party or option, not beside one" in found[0]
    assert found[0].startswith(f"{ELECTION}:23:9: results[0].rows[1]")


def test_round_two_without_round_one(make_project: MakeProject) -> None:
    root = edit(make_project(TIERED), ELECTION, "    area: north-1\n", "    area: north-1\n    round: 2\n")
    assert problems(root) == [
        f"{ELECTION}:32:12: results[2].round: round 2 has no round 1 of the area 'north-1':"
        " add the earlier round's result set"
    ]


def test_round_two_after_round_one_is_valid(make_project: MakeProject) -> None:
    root = make_project(TIERED)
    second = (
        "  - kind: official\n    tier: districts\n    area: north-1\n    round: 2\n    date: 2024-05-19\n"
        "    rows:\n      - {person: ann-smith, party: red, votes: 80, percent: 80, elected: true}\n"
    )
    path = root / ELECTION
    path.write_text(path.read_text(encoding="utf-8") + second, encoding="utf-8")
    assert problems(root) == []


def test_two_elected_rows_in_a_one_seat_district(make_project: MakeProject) -> None:
    root = edit(
        make_project(TIERED),
        ELECTION,
        "{option: Independent, votes: 30, percent: 30}",
        "{option: Independent, votes: 30, percent: 30, elected: true}",
    )
    assert problems(root) == [
        f"{ELECTION}:34:64: results[2].rows[1].elected: 2 rows are elected in 'north-1', which has 1 seat"
    ]


def test_set_turnout_must_agree(make_project: MakeProject) -> None:
    root = edit(
        make_project(TIERED),
        ELECTION,
        "turnout: 55.5\n",
        "turnout: 55.5\n    registered_voters: 100\n    votes_cast: 40\n",
    )
    assert problems(root) == [
        f"{ELECTION}:38:14: results[3].turnout: turnout 55.5% disagrees with votes_cast / registered_voters = 40.00%"
        " (more than 0.5 points apart)"
    ]


def test_duplicate_ids_and_tiles(make_project: MakeProject) -> None:
    root = make_project(TIERED)
    edit(root, COUNTRY, "{id: old-east, name: Old East, tile: [0, 1]", "{id: north, name: Old East, tile: [0, 0]")
    edit(root, ELECTION, "{id: south-1, name: South 1", "{id: north-1, name: South 1")
    found = problems(root)
    assert f"{COUNTRY}:10:10: regions[2].id: the region id 'north' is already used by regions[0]" in found
    assert f"{COUNTRY}:10:39: regions[2].tile: regions[0] already stands on tile [0, 0]" in found
    assert (
        f"{ELECTION}:17:10: constituencies[1].id: the constituency id 'north-1' is already used by constituencies[0]"
        in found
    )


def test_constituency_id_that_is_also_a_region(make_project: MakeProject) -> None:
    root = edit(make_project(TIERED), ELECTION, "{id: south-1, name: South 1", "{id: south, name: South 1")
    assert problems(root) == [
        f"{ELECTION}:17:10: constituencies[1].id: 'south' is also a region of ck: an area naming it would be ambiguous"
    ]


def test_bad_tile_and_round_are_type_errors(make_project: MakeProject) -> None:
    root = make_project(TIERED)
    edit(root, COUNTRY, "tile: [1, 0]", "tile: [1]")
    edit(root, ELECTION, "    area: north-1\n", "    area: north-1\n    round: 0\n")
    found = problems(root)
    assert len(found) == 2
    assert found[0].startswith(f"{COUNTRY}:9:") and "regions[1].tile" in found[0]
    assert found[1].startswith(f"{ELECTION}:32:12: results[2].round")
