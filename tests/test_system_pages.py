"""Electoral systems on built pages: tiers, district winners, rounds, results by region, alliances,
a party's seats by tier and a person's districts.

One real build of the minimal dataset plus a mixed election with district and regional results
(``test_systems.TIERED``), a later one with the same tiers, an alliance and a district decided in
a runoff (``test_systems_index.LATER``), and a two-round presidential election; and the example
site's 2023 Mazhilis page.
"""

from __future__ import annotations

import json

import pytest
from conftest import MINIMAL_DATA, write_tree
from sites import Node, Site, build, copy_example
from test_systems import TIERED
from test_systems_index import LATER

PRESIDENTIAL = """
    name: 2025 Cockaigne presidential election
    country: ck
    date: 2025-03-02
    type: presidential
    results:
      - kind: official
        rows:
          - {person: ann-smith, party: red, votes: 450, percent: 45}
          - {person: bob-jones, votes: 350, percent: 35}
          - {option: Others, votes: 200, percent: 20}
      - kind: official
        round: 2
        date: 2025-03-16
        turnout: 58.5
        rows:
          - {person: ann-smith, party: red, votes: 480, percent: 48}
          - {person: bob-jones, votes: 520, percent: 52, elected: true}
"""
# Data strings are text wherever they land: a tier, a joint list and a district named like markup.
HOSTILE = """
    name: 2019 Cockaigne by-election
    country: ck
    date: 2019-01-13
    type: legislative
    chamber: assembly
    seats: 2
    tiers:
      - {id: list, name: "<i>Lists</i> & co", seats: 1, threshold: 5}
      - {id: districts, name: Districts, seats: 1}
    constituencies:
      - {id: n-1, name: "N<1>"}
    results:
      - kind: official
        tier: list
        rows:
          - {alliance: {name: "<script>alert(1)</script>", parties: [red]}, votes: 10, percent: 100, seats: 1}
      - kind: official
        tier: districts
        area: n-1
        rows:
          - {option: "<img src=x onerror=alert(1)>", votes: 5, percent: 100, elected: true}
"""
FILES = {
    **MINIMAL_DATA,
    **TIERED,
    "data/elections/ck-2028.yaml": LATER.replace(
        "{id: list, name: Lists, seats: 6}", "{id: list, name: Lists, seats: 6, threshold: 5}"
    ),
    "data/elections/ck-2025-president.yaml": PRESIDENTIAL,
    "data/elections/ck-2019.yaml": HOSTILE,
    "data/people/bob-jones.yaml": "name: Bob Jones\ncountry: ck\n",
    "docs/runoff.md": "# The runoff\n\nThe north went to a second round.\n\n![[ck-2028#districts]]\n\n![[ck-2025-president#rounds]]\n",
    "mkdocs.yml": "site_name: Systems test\ntheme:\n  name: material\nplugins:\n  - elections\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build(write_tree(tmp_path_factory.mktemp("systems"), FILES))


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build(copy_example(tmp_path_factory.mktemp("example")))


def rows_of(table: Node) -> list[list[str]]:
    """Each body row's cells as text."""
    body = table.one("tbody")
    return [
        [" ".join(cell.text.split()) for cell in tr.iter() if cell.tag in ("th", "td")] for tr in body.find_all("tr")
    ]


def test_each_tier_with_its_vote_threshold_and_seats(site: Site) -> None:
    page = site.article("elections/ck-2028/")
    tiers = page.find_all("table", cls="ee-tier-table")
    assert len(tiers) == 2
    lists, districts = tiers
    assert rows_of(lists) == [
        ["Red Party", "250", "50%", "−10", "3", "−1"],
        ["Blue Front (Blue Party)", "250", "50%", "new", "3", "new"],
    ]
    assert rows_of(districts) == [["Blue Party", "4", "new"]]
    assert "change compared with 2024 Cockaigne election" in lists.text
    # The list vote's bars carry the tier's threshold line, named in the caption (and are drawn once).
    figure = page.one("figure", cls="ee-chart--votes")
    assert "the dashed line marks the 5% threshold" in figure.text
    assert "Threshold for seats: 5%" in figure.raw_text
    assert "6 seats; threshold for seats: 5%." in page.text


def test_totals_over_tiers_name_the_alliance(site: Site) -> None:
    results = site.article("elections/ck-2028/").find_all("table", cls="ee-table")[0]
    names = [row[0] for row in rows_of(results)]
    assert "Blue Front (Blue Party)" in names
    assert 'href="../../parties/blue/"' in site.html("elections/ck-2028/")


def test_district_winners_table(site: Site) -> None:
    table = site.article("elections/ck-2028/").one("table", cls="ee-districts")
    # Decided in the runoff: its winner, share and margin over the runner-up.
    assert rows_of(table) == [["North 1", "Bob Jones", "Blue Party", "52%", "4"]]
    first = site.article("elections/ck-2024/").one("table", cls="ee-districts")
    assert rows_of(first) == [["North 1", "Ann Smith", "Red Party", "70%", "40"], ["South 1", "No count given"]]


def test_results_by_region_map_beside_its_table(site: Site) -> None:
    page = site.article("elections/ck-2024/")
    areas = page.one("div", cls="ee-areas")
    figure = areas.one("figure", cls="ee-area-figure")
    assert figure.find_all("svg")
    assert rows_of(areas.one("table", cls="ee-area-table")) == [["North", "Red Party", "65%", "55.5%"]]
    assert "No figures for 1 other region." in areas.text


def test_two_rounds_each_dated_the_last_deciding(site: Site) -> None:
    page = site.article("elections/ck-2025-president/")
    rounds = page.find_all("table", cls="ee-round")
    assert len(rounds) == 2
    first, second = (" ".join(t.one("caption").text.split()) for t in rounds)
    assert first == "Round 1, 2 March 2025 (official results)"
    assert second == "Round 2, 16 March 2025: decided the result (official results)"
    assert rows_of(rounds[1])[0] == ["Bob Jones elected", "520", "52%"]
    assert not page.find_all("table", cls="ee-tier-table")


def test_party_seats_by_tier_and_alliance(site: Site) -> None:
    page = site.article("parties/blue/")
    table = page.one("table", cls="ee-party-seats")
    assert rows_of(table) == [
        ["2024 Cockaigne election 2 seats in all", "Lists", "40%", "2"],
        ["2028 Cockaigne election 4 seats of its own", "Lists (as Blue Front)", "50%", "3"],
        ["Districts", "–", "4"],
    ]
    alliances = " ".join(page.one("ul", cls="ee-alliances").text.split())
    assert alliances == "2028 Cockaigne election (Lists): Blue Front (Blue Party), 50%, 3 seats"


def test_person_districts_won_and_lost(site: Site) -> None:
    table = site.article("people/ann-smith/").one("table", cls="ee-person-districts")
    assert rows_of(table) == [
        ["2024 Cockaigne election", "North 1", "Won", "70%"],
        ["2028 Cockaigne election", "North 1", "Lost (to Bob Jones (Blue Party))", "48%"],
    ]


def test_one_tier_pages_have_none_of_it(site: Site) -> None:
    html = site.html("elections/ck-2020/")
    for marker in ("ee-tier-table", "ee-districts", "ee-areas", "ee-round", "District winners"):
        assert marker not in html
    assert "ee-chart--votes" in html  # its vote bars stay where they were


def test_example_2023_mazhilis(example: Site) -> None:
    page = example.article("elections/kz-2023-mazhilis/")
    lists, districts = page.find_all("table", cls="ee-tier-table")
    assert rows_of(lists)[0] == ["Amanat", "3,431,510", "53.9%", "40"]
    assert rows_of(lists)[-1] == ["Against all", "248,291", "3.9%", "–"]
    assert rows_of(districts) == [["Amanat", "22"], ["Independents", "7"]]
    assert "69 seats; threshold for seats: 5%." in page.text
    areas = page.one("div", cls="ee-areas")
    assert areas.one("figure", cls="ee-area-figure").find_all("svg")
    assert rows_of(areas.one("table")) == [["Astana", "42.41%"], ["Shymkent", "45.46%"], ["Almaty", "25.82%"]]
    amanat = example.article("parties/nur-otan/").one("table", cls="ee-party-seats")
    assert rows_of(amanat)[-2:] == [
        ["2023 Kazakh legislative election 62 seats in all", "National party lists", "53.9%", "40"],
        ["Single-member districts", "–", "22"],
    ]


def json_ld(site: Site, url: str) -> dict[str, object]:
    script = site.page(url).one("script", type="application/ld+json")
    return json.loads(script.raw_text)


def test_json_ld_lists_each_tier_round_and_alliance(site: Site) -> None:
    mixed = json_ld(site, "elections/ck-2028/")
    assert mixed["subEvent"] == [
        {
            "@type": "Event",
            "name": "2028 Cockaigne election: Lists",
            "startDate": "2028-05-07",
            "description": "6 seats; threshold 5%; won: Red Party 3, Blue Front 3",
        },
        {
            "@type": "Event",
            "name": "2028 Cockaigne election: Districts",
            "startDate": "2028-05-07",
            "description": "4 seats; won: Blue Party 4",
        },
    ]
    assert {
        "@type": "Organization",
        "name": "Blue Front",
        "member": [{"@type": "PoliticalParty", "name": "Blue Party"}],
    } in mixed["performer"]
    runoff = json_ld(site, "elections/ck-2025-president/")
    assert runoff["subEvent"] == [
        {"@type": "Event", "name": "2025 Cockaigne presidential election: round 1", "startDate": "2025-03-02"},
        {
            "@type": "Event",
            "name": "2025 Cockaigne presidential election: round 2",
            "startDate": "2025-03-16",
            "description": "The deciding round.",
        },
    ]
    assert "subEvent" not in json_ld(site, "elections/ck-2020/")


def test_sections_embed_in_a_hand_written_page(site: Site) -> None:
    page = site.article("runoff/")
    assert rows_of(page.one("table", cls="ee-districts")) == [["North 1", "Bob Jones", "Blue Party", "52%", "4"]]
    assert len(page.find_all("table", cls="ee-round")) == 2


def test_names_in_the_data_stay_text(site: Site) -> None:
    html = site.html("elections/ck-2019/")
    for raw in ("<i>Lists</i>", "<script>alert(1)</script>", "<img src=x", "N<1>"):
        assert raw not in html
    page = site.article("elections/ck-2019/")
    assert rows_of(page.one("table", cls="ee-tier-table"))[0][0] == "<script>alert(1)</script> (Red Party)"
    assert rows_of(page.one("table", cls="ee-districts"))[0][:2] == ["N<1>", "<img src=x onerror=alert(1)>"]
    assert "<i>Lists</i> & co" in page.text
