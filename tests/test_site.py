"""What the built site publishes, read from real MkDocs + Material builds.

Each site is built once per module with ``mkdocs build --strict`` in a subprocess:

- ``example``: a snapshot of the repository's mkdocs.yml, docs/, data/ and overrides/;
- ``flat``: the same with ``use_directory_urls: false``;
- ``ruritania``: a second, fictional country (tests/fixtures/ruritania) built with the repository's
  own mkdocs.yml, unchanged: presidential, referendum, scheduled and annulled elections, docs pages;
- ``escaping``: data full of markup (tests/fixtures/escaping);
- ``override``: a site whose theme custom_dir overrides the party template (tests/fixtures/override).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sites import REPO_ROOT, Node, Site, add_config, broken_links, build, copy_example, copy_fixture

HUBS = ("countries/", "elections/", "parties/", "people/", "stories/", "timeline/")

# ----------------------------------------------------------------------------- sites


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build(copy_example(tmp_path_factory.mktemp("example")))


@pytest.fixture(scope="module")
def flat(tmp_path_factory: pytest.TempPathFactory) -> Site:
    project = copy_example(tmp_path_factory.mktemp("flat"))
    add_config(project, "use_directory_urls: false")
    return build(project)


@pytest.fixture(scope="module")
def ruritania(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build(copy_fixture("ruritania", tmp_path_factory.mktemp("ruritania"), repo_config=True))


@pytest.fixture(scope="module")
def escaping(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build(copy_fixture("escaping", tmp_path_factory.mktemp("escaping")))


@pytest.fixture(scope="module")
def override(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build(copy_fixture("override", tmp_path_factory.mktemp("override"), data_from="ruritania"))


# ----------------------------------------------------------------------------- reading pages


def facts(article: Node) -> dict[str, Node]:
    """The key-facts box: each <dt> text -> its <dd>."""
    box = article.one("aside", cls="ee-facts")
    terms = box.find_all("dt")
    values = box.find_all("dd")
    assert len(terms) == len(values)
    return {dt.text: dd for dt, dd in zip(terms, values, strict=True)}


def header(table: Node) -> list[str]:
    return [cell.text for cell in table.find("thead").find_all("th")]


def rows(table: Node) -> list[list[str]]:
    """Text of every cell of every body row."""
    return [[cell.text for cell in tr.iter() if cell.tag in ("th", "td")] for tr in table.find("tbody").find_all("tr")]


def json_ld(article: Node) -> dict:
    script = article.one("script", type="application/ld+json")
    return json.loads(script.raw_text)


def seat_counts(svg: Node) -> list[tuple[str, str, int]]:
    """(group <title>, fill, circles) for each party's group in a hemicycle."""
    return [
        (group.one("title").text, group.get("fill"), len(group.find_all("circle", cls="ee-seat")))
        for group in svg.find_all("g", cls="ee-seats")
    ]


def chart_title(svg: Node) -> str:
    """The chart's own <title> (its first child), not the titles of its parts."""
    first = svg.children[0]
    assert isinstance(first, Node) and first.tag == "title", f"<svg> starts with {first!r}, not <title>"
    return first.text


def story_list(section: Node) -> list[tuple[str, str, str]]:
    """(title, href, datetime) of each entry of a list of stories."""
    return [
        (item.find("a", cls="ee-story__title").text, item.find("a", cls="ee-story__title").get("href"), date)
        for item in section.find_all("li", cls="ee-story")
        for date in [item.find("time").get("datetime")]
    ]


def nav_hrefs(page: Node) -> list[str]:
    """Every link inside Material's navigation (.md-nav)."""
    return [href for nav in page.find_all(cls="md-nav") for href, _ in nav.links()]


def config_value(site: Site, key: str) -> str:
    text = (site.root.parent / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(rf"^{key}:\s*(\S+)", text, re.MULTILINE)
    assert match, f"{key} is not set in mkdocs.yml"
    return match.group(1)


# ============================================================================= the example: an election

repo_data = pytest.mark.repo_data
ELECTION = "elections/kz-2021-mazhilis/"


@repo_data
def test_election_page_title(example: Site) -> None:
    page = example.page(ELECTION)
    assert example.article(ELECTION).one("h1").text == "2021 Kazakh legislative election"
    assert page.find("head").find("title").text == "2021 Kazakh legislative election - Election explainers"


@repo_data
def test_election_key_facts(example: Site) -> None:
    box = facts(example.article(ELECTION))
    assert box["Date"].text == "10 January 2021"
    assert box["Date"].one("time").get("datetime") == "2021-01-10"
    assert box["Country"].links() == [("../../countries/kz/", "Kazakhstan")]
    assert box["Type"].text == "Legislative · Mazhilis"
    assert box["Seats"].text == "107 (98 elected by voters)"
    assert box["Majority"].text == "54 seats"
    assert box["Threshold"].text == "7%"
    assert box["Turnout"].text == "63.25%"
    assert box["Registered voters"].text == "11,919,241"
    assert box["Votes cast"].text == "7,539,280"


@repo_data
def test_election_results_show_exit_poll_and_official_count_side_by_side(example: Site) -> None:
    table = example.article(ELECTION).one("div", cls="ee-results").one("table")
    assert header(table) == ["Party", "Exit poll %", "Votes", "Official results %", "± pts", "Seats", "± seats"]
    assert rows(table)[0] == ["Nur Otan (now Amanat)", "71.97%", "5,148,074", "71.09%", "−11.11", "76", "−8"]
    assert [row[0] for row in rows(table)] == [
        "Nur Otan (now Amanat)",  # named as of the election, with its later name beside it
        "Ak Zhol Democratic Party",
        "People's Party of Kazakhstan",
        "Auyl People's Democratic Patriotic Party",
        "Adal",
        "Assembly of the People of Kazakhstan",
    ]
    assert rows(table)[4] == ["Adal", "–", "258,618", "3.57%", "new", "0", "new"]
    total = [cell.text for cell in table.one("tfoot").iter() if cell.tag in ("th", "td")]
    assert total == ["Total", "", "7,241,562", "100%", "", "107 / 107", ""]
    caption = table.one("caption")
    assert caption.links() == [("../kz-2016-mazhilis/", "2016 Kazakh legislative election")]


@repo_data
def test_change_since_2016_follows_a_renamed_party(example: Site) -> None:
    """The People's Party is compared with its own 2016 result, when it ran as the Communist People's Party."""
    table = example.article(ELECTION).one("div", cls="ee-results").one("table")
    by_name = {row[0]: row for row in rows(table)}
    # 2016: 7.14% and 7 seats as "Communist People's Party of Kazakhstan"; 2021: 9.10% and 10 seats.
    assert by_name["People's Party of Kazakhstan"] == [
        "People's Party of Kazakhstan",
        "9.03%",
        "659,019",
        "9.1%",
        "+1.96",
        "10",
        "+3",
    ]
    assert by_name["Ak Zhol Democratic Party"][-3:] == ["+3.77", "12", "+5"]
    previous = example.article("elections/kz-2016-mazhilis/").one("div", cls="ee-results").one("table")
    assert [
        "Communist People's Party of Kazakhstan (now People's Party of Kazakhstan)",
        "537,123",
        "7.14%",
        "7",
    ] in rows(previous)


@repo_data
def test_election_hemicycle_draws_every_seat(example: Site) -> None:
    article = example.article(ELECTION)
    svg = article.one("svg", cls="ee-hemicycle")
    assert len(svg.find_all("circle", cls="ee-seat")) == 107
    assert len(svg.find_all("circle")) == 107
    assert svg.get("role") == "img"
    title, desc = svg.children[0], svg.children[1]
    assert isinstance(title, Node) and title.tag == "title"
    assert isinstance(desc, Node) and desc.tag == "desc"
    assert title.text == "Seats won: 2021 Kazakh legislative election"
    assert desc.text == (
        "Nur Otan (now Amanat): 76, Ak Zhol Democratic Party: 12, People's Party of Kazakhstan: 10, "
        "Assembly of the People of Kazakhstan: 9 of 107 seats."
    )
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert [(label, count) for label, _, count in seat_counts(svg)] == [
        ("Nur Otan (now Amanat): 76 seats", 76),
        ("Ak Zhol Democratic Party: 12 seats", 12),
        ("People's Party of Kazakhstan: 10 seats", 10),
        ("Assembly of the People of Kazakhstan: 9 seats", 9),
    ]
    assert [fill for _, fill, _ in seat_counts(svg)][:3] == ["#1f5fa8", "#e0a100", "#c62828"]


@repo_data
def test_seat_chart_legend_uses_the_colours_of_the_seats(example: Site) -> None:
    figure = example.article(ELECTION).one("figure", cls="ee-chart--seats")
    fills = [fill for _, fill, _ in seat_counts(figure.one("svg"))]
    swatches = [span.get("style") for span in figure.one("ul", cls="ee-legend").find_all("span", cls="ee-swatch")]
    assert swatches == [f"background-color: {fill}" for fill in fills]


@repo_data
def test_vote_chart_has_a_threshold_line_between_the_bars_it_separates(example: Site) -> None:
    svg = example.article(ELECTION).one("svg", cls="ee-bars")
    bars = {bar.one("title").text: bar.one("rect") for bar in svg.find_all("g", cls="ee-bar")}
    assert list(bars) == [
        "Nur Otan (now Amanat): 71.09%",
        "Ak Zhol Democratic Party: 10.95%",
        "People's Party of Kazakhstan: 9.1%",
        "Auyl People's Democratic Patriotic Party: 5.29%",
        "Adal: 3.57%",
    ]
    threshold = svg.one("g", cls="ee-threshold")
    assert threshold.one("text").text == "7% threshold"
    line_x = float(re.match(r"M\s*([\d.]+)", threshold.one("path").get("d")).group(1))

    def end(label: str) -> float:
        return float(bars[label].get("x")) + float(bars[label].get("width"))

    assert end("Auyl People's Democratic Patriotic Party: 5.29%") < line_x < end("People's Party of Kazakhstan: 9.1%")
    caption = example.article(ELECTION).one("figure", cls="ee-chart--votes").one("figcaption")
    assert caption.text.endswith("the dashed line marks the 7% threshold.")


@repo_data
def test_previous_and_next_elections_link_each_other(example: Site) -> None:
    assert facts(example.article(ELECTION))["Previous"].links() == [
        ("../kz-2016-mazhilis/", "2016 Kazakh legislative election")
    ]
    assert facts(example.article("elections/kz-2016-mazhilis/"))["Next"].links() == [
        ("../kz-2021-mazhilis/", "2021 Kazakh legislative election")
    ]
    assert facts(example.article(ELECTION))["Next"].links() == [
        ("../kz-2023-mazhilis/", "2023 Kazakh legislative election")
    ]
    assert "Next" not in facts(example.article("elections/kz-2023-mazhilis/"))


@repo_data
def test_election_json_ld_is_an_event(example: Site) -> None:
    data = json_ld(example.article(ELECTION))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "2021 Kazakh legislative election"
    assert data["startDate"] == "2021-01-10"
    assert data["location"] == {"@type": "Country", "name": "Kazakhstan"}
    assert [p["name"] for p in data["performer"]] == [
        "Nur Otan",
        "Ak Zhol Democratic Party",
        "People's Party of Kazakhstan",
        "Auyl People's Democratic Patriotic Party",
        "Adal",
    ]
    assert {p["@type"] for p in data["performer"]} == {"PoliticalParty"}


# ============================================================================= the example: names as of a date


def links_to(article: Node, href: str) -> set[str]:
    return {text for target, text in article.links() if target == href}


@repo_data
def test_a_2016_page_uses_the_party_name_of_2016(example: Site) -> None:
    article = example.article("elections/kz-2016-mazhilis/")
    assert links_to(article, "../../parties/peoples-party-kz/") == {"Communist People's Party of Kazakhstan"}
    legend = [li.text for li in article.one("ul", cls="ee-legend").find_all("li")]
    assert "Communist People's Party of Kazakhstan (now People's Party of Kazakhstan) 7" in legend
    assert "Communist People's Party of Kazakhstan" in [p["name"] for p in json_ld(article)["performer"]]


@repo_data
def test_a_2021_page_uses_the_party_name_of_2021(example: Site) -> None:
    article = example.article(ELECTION)
    assert links_to(article, "../../parties/peoples-party-kz/") == {"People's Party of Kazakhstan"}
    assert "Communist" not in article.one("div", cls="ee-results").text


# ============================================================================= the example: party, person, country

PARTY = "parties/nur-otan/"


@repo_data
def test_party_page_shows_both_names_with_dates(example: Site) -> None:
    table = example.article(PARTY).section("names").one("table")
    assert header(table) == ["Name", "In use", "Note"]
    assert rows(table) == [
        ["Nur Otan", "1 March 1999 – 1 March 2022", ""],
        ["Amanat current", "since 1 March 2022", "New name for the same party; the organisation did not change."],
    ]
    dates = [t.get("datetime") for t in table.find_all("time")]
    assert dates == ["1999-03-01", "2022-03-01", "2022-03-01"]


@repo_data
def test_party_page_lists_leaders_with_their_terms(example: Site) -> None:
    table = example.article(PARTY).section("leaders").one("table")
    assert header(table) == ["Leader", "Role", "Term"]
    assert rows(table) == [
        ["Yerlan Koshanov current", "Chairman", "since 26 April 2022"],
        ["Kassym-Jomart Tokayev", "Chairman", "28 January 2022 – 26 April 2022"],
        ["Nursultan Nazarbayev", "Chairman", "1 March 1999 – 28 January 2022"],
    ]
    assert table.links() == [
        ("../../people/yerlan-koshanov/", "Yerlan Koshanov"),
        ("../../people/kassym-jomart-tokayev/", "Kassym-Jomart Tokayev"),
        ("../../people/nursultan-nazarbayev/", "Nursultan Nazarbayev"),
    ]


@repo_data
def test_party_page_election_history(example: Site) -> None:
    section = example.article(PARTY).section("election-history")
    assert rows(section.one("table")) == [
        # A mixed election counts its list and district seats together.
        ["2023 Kazakh legislative election", "Amanat", "3,431,510", "53.9%", "62 / 98"],
        ["2021 Kazakh legislative election", "Nur Otan", "5,148,074", "71.09%", "76 / 107"],
        ["2016 Kazakh legislative election", "Nur Otan", "6,183,757", "82.2%", "84 / 107"],
    ]
    chart = section.one("svg", cls="ee-history")
    assert [g.one("title").text for g in chart.find_all("g", cls="ee-history-point")] == [
        "2016: 82.2%",
        "2021: 71.09%",
        "2023: 53.9%",
    ]


@repo_data
def test_party_page_colour_swatch(example: Site) -> None:
    """The colour shows as a swatch by the name; its code is an editor's detail, in "About this data"."""
    box = example.article(PARTY).one("aside", cls="ee-facts")
    assert box.one("p", cls="ee-facts__title").one("span", cls="ee-swatch").get("style") == "background-color: #1f5fa8"
    assert "Colour" not in facts(example.article(PARTY))
    about = example.article(PARTY).one("details", cls="ee-about-data")
    assert [code.text for code in about.find_all("code")] == ["data/parties/nur-otan.yaml", "#1f5fa8"]
    assert about.one("span", cls="ee-swatch").get("style") == "background-color: #1f5fa8"


@repo_data
def test_party_json_ld(example: Site) -> None:
    data = json_ld(example.article(PARTY))
    assert data["@type"] == "PoliticalParty"
    assert data["name"] == "Amanat"  # its name as of the page's date
    assert data["alternateName"] == ["Nur Otan", "Нұр Отан", "Нур Отан", "Аманат"]  # translations too, once each
    assert data["foundingDate"] == "1999-03-01"
    assert data["areaServed"] == {"@type": "Country", "name": "Kazakhstan"}


@repo_data
def test_person_page_roles_with_dates_and_json_ld(example: Site) -> None:
    article = example.article("people/nursultan-nazarbayev/")
    assert article.one("h1").text == "Nursultan Nazarbayev"
    table = article.section("roles").one("table")
    assert rows(table) == [
        ["Chairman", "Nur Otan", "1 March 1999 – 28 January 2022"],
        ["President of Kazakhstan", "–", "until March 2019"],
    ]
    assert [t.get("datetime") for t in table.find_all("time")] == ["1999-03-01", "2022-01-28", "2019-03"]
    assert table.links() == [("../../parties/nur-otan/", "Nur Otan")]
    data = json_ld(article)
    assert data["@type"] == "Person"
    assert data["name"] == "Nursultan Nazarbayev"
    assert data["jobTitle"] == ["President of Kazakhstan", "Chairman"]
    assert data["nationality"] == {"@type": "Country", "name": "Kazakhstan"}


@repo_data
def test_person_page_adds_party_leaderships_from_the_party_file(example: Site) -> None:
    """Tokayev's chairmanship is in nur-otan.yaml's leaders: his page lists it too."""
    table = example.article("people/kassym-jomart-tokayev/").section("roles").one("table")
    assert ["Chairman", "Nur Otan", "28 January 2022 – 26 April 2022"] in rows(table)


@repo_data
def test_country_page_chambers_seat_chart_elections_and_parties(example: Site) -> None:
    article = example.article("countries/kz/")
    assert article.one("h1").text == "Kazakhstan"
    parliament = article.section("parliament")
    # Each heading ends with its permalink (¶), as Markdown headings do.
    assert [h3.text for h3 in parliament.find_all("h3")] == ["Mazhilis¶", "Senate¶"]
    paragraphs = [p.text for p in parliament.find_all("p") if not p.find_all(cls="ee-swatch")]
    assert paragraphs[:2] == [
        "98 seats. Current make-up from the 2023 Kazakh legislative election (19 March 2023).",
        "No election results for this chamber yet.",
    ]
    svg = parliament.one("svg", cls="ee-hemicycle")
    assert len(svg.find_all("circle", cls="ee-seat")) == 98
    assert chart_title(svg) == "Seats won: 2023 Kazakh legislative election"
    elections = article.section("elections").one("table")
    assert [row[:2] for row in rows(elections)] == [
        ["19 March 2023", "2023 Kazakh legislative election"],
        ["10 January 2021", "2021 Kazakh legislative election"],
        ["20 March 2016", "2016 Kazakh legislative election"],
    ]
    assert rows(elections)[1][2:] == ["Nur Otan (now Amanat) (71.09%)", "63.25%"]
    parties = article.section("parties").one("table")
    assert [href for href, _ in parties.find("tbody").links() if "/parties/" in href] == [
        f"../../parties/{name}/"
        # By name as of the page's date: Nur Otan sorts as Amanat.
        for name in (
            "adal",
            "ak-zhol",
            "nur-otan",
            "auyl",
            "baytaq",
            "birlik",
            "nsdp",
            "peoples-party-kz",
            "respublica",
        )
    ]
    assert json_ld(article)["@type"] == "Country"
    assert json_ld(article)["identifier"] == "KZ"


# ============================================================================= the example: hubs and navigation


@repo_data
def test_elections_hub_lists_every_election_newest_first(example: Site) -> None:
    article = example.article("elections/")
    assert article.one("h1").text == "Elections"
    listed = [href for table in article.find_all("table") for href, _ in table.find("tbody").links()]
    elections = [href for href in listed if not href.startswith("../")]
    assert elections == ["kz-2023-mazhilis/", "kz-2021-mazhilis/", "kz-2016-mazhilis/"]
    assert [h2.get("id") for h2 in article.find_all("h2")] == ["2023", "2021", "2016"]


@repo_data
def test_parties_hub_lists_every_party(example: Site) -> None:
    article = example.article("parties/")
    listed = [href for href, _ in article.find("tbody").links() if not href.startswith("../")]
    assert listed == [
        "adal/",
        "ak-zhol/",
        "nur-otan/",  # as Amanat, its name as of the data's date
        "auyl/",
        "baytaq/",
        "birlik/",
        "nsdp/",
        "peoples-party-kz/",
        "respublica/",
    ]
    assert [h2.get("id") for h2 in article.find_all("h2")] == ["kazakhstan"]


@repo_data
def test_people_hub_lists_everyone(example: Site) -> None:
    people = sorted(path.stem for path in (example.root.parent / "data" / "people").rglob("*.yaml"))
    assert len(people) == 13
    listed = [href for href, _ in example.article("people/").find("ul", cls="ee-people").links()]
    assert sorted(listed) == [f"{person}/" for person in people]
    assert ("nursultan-nazarbayev/", "Nursultan Nazarbayev") in example.article("people/").links()


@repo_data
def test_hubs_are_in_the_navigation_and_entity_pages_are_not(example: Site) -> None:
    home = nav_hrefs(example.page(""))
    for hub in HUBS:
        assert hub in home
    assert not [href for href in home if "nur-otan" in href or "kz-2021" in href]
    entity_links = [href for href in home for hub in HUBS if href.startswith(hub) and href != hub]
    assert entity_links == []
    on_entity_page = nav_hrefs(example.page(PARTY))
    assert "../" in on_entity_page  # the parties hub, seen from /parties/nur-otan/
    assert not [href for href in on_entity_page if href in ("./", "../nur-otan/", "../ak-zhol/")]


@repo_data
def test_timeline_hub_is_oldest_first_by_year(example: Site) -> None:
    article = example.article("timeline/")
    years = [int(section.get("data-year")) for section in article.find_all("section", cls="ee-timeline-year")]
    assert years == sorted(years)
    assert 2016 in years and 2021 in years
    dates = [t.get("datetime") for t in article.find_all("time") if t.parent.get("class") == "ee-timeline__date"]
    assert len(dates) > 10
    assert dates == sorted(dates)


# ============================================================================= the example: stories and edit links


@repo_data
def test_entity_pages_list_related_stories_newest_first(example: Site) -> None:
    entries = story_list(example.article(PARTY).section("related-stories"))
    story = "../../stories/kz-ruling-party-dominates-vote/"
    assert ("Kazakhstan Ruling Party Dominates Opposition-Free Vote", story, "2021-01-10") in entries
    dates = [date for _, _, date in entries]
    assert dates == sorted(dates, reverse=True)
    stories = story_list(example.article("people/aigul-utepova/").section("related-stories"))
    assert stories == [
        (
            "Kazakhstan Holds Blogger in Psychiatric Clinic Over Government Criticism",
            "../../stories/kz-blogger-psychiatric-clinic/",
            "2020-12-24",
        )
    ]


@repo_data
def test_story_page_shows_its_body(example: Site) -> None:
    url = "stories/kz-ruling-party-dominates-vote/"
    article = example.article(url)
    assert article.one("h1").text == "Kazakhstan Ruling Party Dominates Opposition-Free Vote"
    meta = article.one("p", cls="ee-story-meta")
    assert meta.text == "10 January 2021 · South & Central Asia · By AFP"
    paragraphs = [p for p in article.children if isinstance(p, Node) and p.tag == "p" and not p.classes]
    assert paragraphs[0].text.startswith("Nur Otan, chaired since 1999 by former president Nursultan Nazarbayev")
    assert paragraphs[0].links()[:2] == [
        ("../../parties/nur-otan/", "Nur Otan"),
        ("../../people/nursultan-nazarbayev/", "Nursultan Nazarbayev"),
    ]
    assert ("../../elections/kz-2021-mazhilis/", "Sunday's Mazhilis election") in paragraphs[0].links()
    data = json_ld(article)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Kazakhstan Ruling Party Dominates Opposition-Free Vote"
    assert data["datePublished"] == "2021-01-10"


@repo_data
def test_edit_this_data_links_to_the_data_file(example: Site) -> None:
    repo_url = config_value(example, "repo_url").rstrip("/")
    edit_uri = config_value(example, "edit_uri").strip("/")
    folder = edit_uri.removesuffix("docs").strip("/")  # edit/main/docs -> edit/main
    expected = f"{repo_url}/{folder}/data/parties/nur-otan.yaml"
    assert expected == "https://github.com/example-newsroom/election-explainers/edit/main/data/parties/nur-otan.yaml"
    article = example.article(PARTY)
    edit = article.one("a", cls="ee-edit")
    assert edit.text == "Edit this data"
    assert edit.get("href") == expected
    assert article.one("a", rel="edit").get("href") == expected  # Material's own edit button


# ============================================================================= [[id]] links in docs pages


def test_wiki_links_in_a_docs_page(ruritania: Site) -> None:
    article = ruritania.article("links/")
    paragraphs = {p.text.split(":")[0]: p for p in article.find_all("p")}
    assert paragraphs["Plain"].links() == [("../parties/crown-party/", "Crown Party")]
    assert paragraphs["With text"].links() == [("../elections/president-2020/", "the 2020 presidential vote")]
    assert paragraphs["Person and country"].links() == [
        ("../people/rudolf-elphberg/", "Rudolf Elphberg"),
        ("../countries/ruritania/", "Ruritania"),
    ]


def test_wiki_links_inside_code_stay_text(ruritania: Site) -> None:
    article = ruritania.article("links/")
    codes = [code.raw_text for code in article.find_all("code")]
    assert "[[green-league]]" in codes
    assert "[[green-league]] in a fenced block\n" in codes
    assert not [href for href, _ in article.links() if "green-league" in href]


def test_wiki_links_inside_an_indented_code_block_stay_text(ruritania: Site) -> None:
    codes = [code.raw_text for code in ruritania.article("links/").find_all("code")]
    assert "[[farmers-union]] in an indented block\n" in codes


def test_embedded_seat_chart_in_a_docs_page(ruritania: Site) -> None:
    figure = ruritania.article("links/").one("figure", cls="ee-chart--seats")
    svg = figure.one("svg", cls="ee-hemicycle")
    assert chart_title(svg) == "Seats won: 2019 Ruritanian Diet election"
    assert len(svg.find_all("circle", cls="ee-seat")) == 9
    assert [(label, count) for label, _, count in seat_counts(svg)] == [
        ("Crown Party: 5 seats", 5),
        ("Green League: 3 seats", 3),
        ("Farmers' Union: 1 seat", 1),
    ]
    assert figure.one("figcaption").links()[0] == ("../elections/diet-election-2019/", "2019 Ruritanian Diet election")


def test_a_dated_docs_page_names_a_party_as_it_was_then(ruritania: Site) -> None:
    body = [p for p in ruritania.article("history/").find_all("p") if not p.classes]
    assert body[0].links() == [("../parties/crown-party/", "Royalist League")]


def test_a_story_names_a_party_as_it_was_on_its_date(ruritania: Site) -> None:
    article = ruritania.article("stories/royalists-rally/")
    body = [p for p in article.children if isinstance(p, Node) and p.tag == "p" and not p.classes]
    assert body[0].links() == [("../../parties/crown-party/", "Royalist League")]
    assert article.find("ul", cls="ee-chips").links() == [("../../parties/crown-party/", "Royalist League")]


@repo_data
def test_wiki_links_in_the_example_docs_resolve_to_names(example: Site) -> None:
    """Every [[…]] in the example's docs/ became a link: none is left as text outside code."""
    leftovers = []
    docs = example.root.parent / "docs"
    pages = sorted(docs.rglob("*.md"))
    assert len(pages) >= 3
    for path in pages:
        stem = path.relative_to(docs).with_suffix("").as_posix()
        folder, _, name = stem.rpartition("/")
        if re.fullmatch(r"[^.]+\.(ru|kk)", name):  # kazakhstan-2021.ru.md is published at ru/…/kazakhstan-2021/
            name, lang = name.rsplit(".", 1)
            stem = f"{lang}/{folder}/{name}" if folder else f"{lang}/{name}"
        url = "" if stem == "index" else stem.removesuffix("index") if stem.endswith("/index") else stem + "/"
        article = example.article(url)
        code = " ".join(code.raw_text for code in article.find_all("code"))
        text = article.raw_text
        for match in re.findall(r"\[\[[^\]]*\]\]", text):
            if match not in code:
                leftovers.append(f"{url}: {match}")
    assert leftovers == []


# ============================================================================= escaping


def test_no_markup_from_data_reaches_the_html(escaping: Site) -> None:
    files = escaping.html_files()
    assert len(files) > 10
    for path in files:
        html = path.read_text(encoding="utf-8")
        assert "<script>alert" not in html, path
        assert "<b>" not in html, path
        assert "<img src=x" not in html, path
        for node in parse_all(escaping, path):
            assert node.tag != "b", f"{path}:{node.line}"
            if node.tag == "script":
                assert "alert(" not in node.raw_text or node.get("type") == "application/ld+json", path


def parse_all(site: Site, path: Path) -> list[Node]:
    return list(site.page(path.relative_to(site.root).as_posix()).iter())


def test_names_with_markup_are_shown_as_text(escaping: Site) -> None:
    party = '<script>alert(1)</script> & "Co"'
    html = escaping.html("parties/nasty-party/")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Co&#34;" in html
    article = escaping.article("parties/nasty-party/")
    assert article.one("h1").text == party
    assert escaping.page("parties/nasty-party/").find("head").find("title").text == f"{party} - Escaping test"
    assert json_ld(article)["name"] == party
    assert facts(article)["Ideology"].text == "<script>alert(4)</script>"
    assert facts(article)["Position"].text == "<b>bold position</b>"
    story = escaping.article("stories/bold-claims/")
    assert story.one("h1").text == "Why <b>bold</b> claims <script>alert(11)</script> matter"
    assert story.one("p", cls="ee-story-meta").text == "7 May 2020 · <b>Politics</b> · By <b>Reporter</b>"
    assert json_ld(story)["headline"] == "Why <b>bold</b> claims <script>alert(11)</script> matter"
    election = escaping.article("elections/escapia-2020/")
    svg = election.one("svg", cls="ee-hemicycle")
    assert chart_title(svg) == "Seats won: 2020 <script>alert(6)</script> election"
    assert seat_counts(svg)[0][:2] == (f"{party}: 6 seats", "#123456")
    assert rows(election.one("div", cls="ee-results").one("table"))[2][0] == "<script>alert(9)</script> Others"
    home = escaping.article("")
    assert ("parties/nasty-party/", party) in home.links()
    assert ("people/mallory/", "Mallory <script>alert(5)</script>") in home.links()


def test_json_ld_cannot_close_its_script(escaping: Site) -> None:
    html = escaping.html("stories/bold-claims/")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert len(blocks) == 1
    assert "<" not in blocks[0]
    assert json.loads(blocks[0])["author"] == {"@type": "Person", "name": "<b>Reporter</b>"}


def test_descriptions_are_escaped_once(escaping: Site) -> None:
    page = escaping.page("stories/bold-claims/")
    meta = [m.get("content") for m in page.find_all("meta", name="description")]
    assert meta == ['The <script>alert(1)</script> & "Co" won.']
    assert (
        json_ld(escaping.article("stories/bold-claims/"))["description"] == 'The <script>alert(1)</script> & "Co" won.'
    )
    assert not [path for path in escaping.html_files() if "&amp;lt;" in path.read_text(encoding="utf-8")]


# ============================================================================= another country, the same mkdocs.yml


def test_another_country_builds_with_the_repository_mkdocs_yml(ruritania: Site) -> None:
    config = (ruritania.root.parent / "mkdocs.yml").read_text(encoding="utf-8")
    assert config == (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    expected = {
        "countries/ruritania/",
        "parties/crown-party/",
        "parties/green-league/",
        "parties/farmers-union/",
        "people/rudolf-elphberg/",
        "people/flavia-strelsau/",
        "elections/diet-election-2019/",
        "elections/diet-election-2022/",
        "elections/president-2020/",
        "elections/president-2029/",
        "elections/referendum-2021/",
        "stories/coronation-row/",
        "stories/elphberg-wins/",
        "stories/greens-congress/",
        "stories/royalists-rally/",
    }
    for url in expected:
        assert ruritania.file(url).exists()
    assert not (ruritania.root / "stories" / "referendum-analysis").exists()  # published elsewhere: url only
    assert not [p for p in ruritania.root.rglob("*") if "kz-" in p.name or "nur-otan" in p.name]
    home_nav = nav_hrefs(ruritania.page(""))
    for hub in HUBS:
        assert hub in home_nav


def test_scheduled_election_says_so(ruritania: Site) -> None:
    article = ruritania.article("elections/president-2029/")
    assert article.one("p", cls="ee-status--scheduled").text == (
        "Scheduled: this election is due on 10 June 2029; results will appear here when they are known."
    )
    assert facts(article)["Date"].text == "10 June 2029 scheduled"
    assert facts(article)["Previous"].links() == [("../president-2020/", "2020 Ruritanian presidential election")]
    assert not article.find_all("svg", cls="ee-hemicycle")
    assert not article.find_all("div", cls="ee-results")
    assert not article.find_all(id="results")
    assert json_ld(article)["eventStatus"] == "https://schema.org/EventScheduled"


def test_annulled_election_says_so(ruritania: Site) -> None:
    article = ruritania.article("elections/diet-election-2022/")
    assert article.one("p", cls="ee-status--annulled").text == (
        "Annulled: this election was held on 2 October 2022 and later annulled; its results do not stand."
    )
    assert facts(article)["Date"].one("span", cls="ee-badge--annulled").text == "annulled"
    assert json_ld(article)["eventStatus"] == "https://schema.org/EventCancelled"


def test_elections_hub_marks_scheduled_and_annulled_elections(ruritania: Site) -> None:
    table_rows = [row for table in ruritania.article("elections/").find_all("table") for row in rows(table)]
    by_name = {row[1]: row for row in table_rows}
    assert list(by_name) == [
        "2029 Ruritanian presidential election scheduled",
        "2022 Ruritanian Diet election annulled",
        "2021 Ruritanian constitutional referendum",
        "2020 Ruritanian presidential election",
        "2019 Ruritanian Diet election",
    ]
    assert by_name["2029 Ruritanian presidential election scheduled"][3] == "–"
    assert by_name["2022 Ruritanian Diet election annulled"][3] == "–"
    assert by_name["2020 Ruritanian presidential election"][2:] == ["Ruritania", "Rudolf Elphberg (54.55%)", "57.2%"]
    assert by_name["2021 Ruritanian constitutional referendum"][3] == "Yes (61.12%)"


def test_presidential_rows_name_candidate_and_party(ruritania: Site) -> None:
    article = ruritania.article("elections/president-2020/")
    table = article.one("div", cls="ee-results").one("table")
    assert header(table) == ["Candidate", "Votes", "Official results %"]
    assert rows(table) == [
        ["Rudolf Elphberg (Crown Party)", "312,000", "54.55%"],
        ["Flavia Strelsau (Green League)", "260,000", "45.45%"],
    ]
    assert table.find("tbody").links() == [
        ("../../people/rudolf-elphberg/", "Rudolf Elphberg"),
        ("../../parties/crown-party/", "Crown Party"),
        ("../../people/flavia-strelsau/", "Flavia Strelsau"),
        ("../../parties/green-league/", "Green League"),
    ]
    assert facts(article)["Next"].links() == [("../president-2029/", "2029 Ruritanian presidential election")]
    assert not article.find_all("svg", cls="ee-hemicycle")  # no seats at stake


def test_presidential_json_ld_performers_are_people(ruritania: Site) -> None:
    data = json_ld(ruritania.article("elections/president-2020/"))
    assert data["performer"] == [
        {"@type": "Person", "name": "Rudolf Elphberg"},
        {"@type": "Person", "name": "Flavia Strelsau"},
    ]


def test_referendum_lists_its_options(ruritania: Site) -> None:
    article = ruritania.article("elections/referendum-2021/")
    table = article.one("div", cls="ee-results").one("table")
    assert header(table) == ["Option", "Votes", "Official results %"]
    assert rows(table) == [["Yes", "294,000", "61.12%"], ["No", "187,000", "38.88%"]]
    bars = article.one("svg", cls="ee-bars")
    assert [g.one("title").text for g in bars.find_all("g", cls="ee-bar")] == ["Yes: 61.12%", "No: 38.88%"]
    assert facts(article)["Type"].text == "Referendum"


def test_country_seat_chart_skips_the_annulled_election(ruritania: Site) -> None:
    article = ruritania.article("countries/ruritania/")
    parliament = article.section("parliament")
    assert parliament.one("h3").text == "Diet¶"
    assert parliament.find_all("p")[0].text == (
        "9 seats. Current make-up from the 2019 Ruritanian Diet election (15 September 2019)."
    )
    svg = parliament.one("svg", cls="ee-hemicycle")
    assert chart_title(svg) == "Seats won: 2019 Ruritanian Diet election"
    assert len(svg.find_all("circle", cls="ee-seat")) == 9


def test_party_page_related_stories_newest_first(ruritania: Site) -> None:
    section = ruritania.article("parties/crown-party/").section("related-stories")
    assert story_list(section) == [
        ("What the referendum changed", "https://news.example.com/ruritania/referendum", "2021-04-26"),
        ("Elphberg wins outright", "../../stories/elphberg-wins/", "2020-06-15"),
        ("Coronation row splits the Crown Party", "../../stories/coronation-row/", "2019-05-01"),
        ("Royalists rally in Strelsau", "../../stories/royalists-rally/", "2017-09-09"),
    ]
    assert section.one("span", cls="ee-external").text == "external"


def test_election_page_related_stories_include_docs_pages(ruritania: Site) -> None:
    section = ruritania.article("elections/referendum-2021/").section("related-stories")
    assert story_list(section) == [
        ("The referendum explained", "../../explainers/", "2021-05-01"),
        ("What the referendum changed", "https://news.example.com/ruritania/referendum", "2021-04-26"),
    ]


def test_every_link_of_the_second_country_resolves(ruritania: Site) -> None:
    assert broken_links(ruritania) == []


def test_every_link_of_the_escaping_site_resolves(escaping: Site) -> None:
    """Its site_url has a path (/escaping/): the 404 page's root-absolute links are resolved under it."""
    assert escaping.site_url == "https://example.org/escaping/"
    assert broken_links(escaping) == []


def test_story_page_has_its_body_and_about_links(ruritania: Site) -> None:
    article = ruritania.article("stories/coronation-row/")
    assert article.one("h1").text == "Coronation row splits the Crown Party"
    assert article.one("p", cls="ee-story-meta").text == "1 May 2019 · Politics · By A. Hope"
    body = [p for p in article.children if isinstance(p, Node) and p.tag == "p" and not p.classes]
    assert body[0].text == "The Crown Party is split over the coronation, and Rudolf Elphberg has taken sides."
    assert article.find("ul", cls="ee-chips").links() == [("../../parties/crown-party/", "Crown Party")]


def test_docs_page_with_about_lists_related_stories(ruritania: Site) -> None:
    section = ruritania.article("explainers/").section("related-stories")
    assert "<ul" not in section.text
    assert story_list(section) == [
        ("What the referendum changed", "https://news.example.com/ruritania/referendum", "2021-04-26")
    ]


# ============================================================================= use_directory_urls: false


@repo_data
def test_flat_urls_build_and_every_link_resolves(flat: Site) -> None:
    assert not flat.directory_urls
    assert (flat.root / "parties" / "nur-otan.html").is_file()
    assert (flat.root / "elections" / "kz-2021-mazhilis.html").is_file()
    assert not (flat.root / "parties" / "nur-otan").exists()
    assert broken_links(flat) == []


@repo_data
def test_flat_urls_in_generated_pages(flat: Site) -> None:
    party = flat.article("parties/nur-otan.html")
    history = party.section("election-history").one("table")
    assert history.links() == [
        ("../elections/kz-2023-mazhilis.html", "2023 Kazakh legislative election"),
        ("../elections/kz-2021-mazhilis.html", "2021 Kazakh legislative election"),
        ("../elections/kz-2016-mazhilis.html", "2016 Kazakh legislative election"),
    ]
    hub = flat.article("parties/index.html")
    assert ("nur-otan.html", "Amanat") in hub.links()
    assert facts(flat.article("elections/kz-2021-mazhilis.html"))["Previous"].links() == [
        ("kz-2016-mazhilis.html", "2016 Kazakh legislative election")
    ]
    nav = nav_hrefs(flat.page("index.html"))
    for hub_url in HUBS:
        assert f"{hub_url}index.html" in nav


# ============================================================================= template override


def test_a_template_in_custom_dir_overrides_the_party_page(override: Site) -> None:
    article = override.article("parties/crown-party/")
    assert article.one("p", cls="override-marker").text == "OVERRIDDEN PARTY TEMPLATE: Crown Party (crown-party)"
    assert not article.find_all("aside", cls="ee-facts")
    farmers = override.article("parties/farmers-union/").one("p", cls="override-marker")
    assert farmers.text == "OVERRIDDEN PARTY TEMPLATE: Farmers' Union (farmers-union)"  # still autoescaped
    assert "Farmers&#39; Union" in override.html("parties/farmers-union/")


def test_templates_not_overridden_stay_the_plugins(override: Site) -> None:
    article = override.article("elections/diet-election-2019/")
    assert not article.find_all(cls="override-marker")
    assert facts(article)["Seats"].text == "9"
    assert len(article.one("svg", cls="ee-hemicycle").find_all("circle", cls="ee-seat")) == 9
