"""What a reader's page says is true on one date, chains elections, and keeps editors' details aside.

Real sites built with ``mkdocs build --strict`` (see sites.py):

- ``example``: the repository's project; its pages are true as of the newest dated fact
  (September 2022: the capital took back the name Astana);
- ``early``: the same with the setting ``as_of: 2021-01-31``, a week after the 2021 election;
- ``chain``: the second test country with a held Diet election after the annulled one and a
  scheduled one that names no chamber.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import write_tree
from sites import Node, Site, build, copy_example, copy_fixture
from test_site import facts, header, rows

pytestmark = pytest.mark.repo_data

PARTY = "parties/nur-otan/"
EXPLAINERS = Path(sys.executable).parent / "explainers"


def with_as_of(project: Path, value: str) -> Path:
    """Set the plugin's ``as_of`` in the project's mkdocs.yml."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - elections:\n" in text
    config.write_text(text.replace("  - elections:\n", f"  - elections:\n      as_of: {value}\n", 1), "utf-8")
    return project


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build(copy_example(tmp_path_factory.mktemp("example")))


@pytest.fixture(scope="module")
def early(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build(with_as_of(copy_example(tmp_path_factory.mktemp("early")), "2021-01-31"))


CHAIN_ELECTIONS = {
    # Held after the annulled 2022 vote: its results compare with 2019, the last that stands.
    "data/elections/diet-election-2024.yaml": """
        name: 2024 Ruritanian Diet election
        country: ruritania
        date: 2024-05-12
        type: legislative
        chamber: diet
        seats: 9
        results:
          - kind: official
            rows:
              - party: crown-party
                percent: 44
                seats: 4
              - party: green-league
                percent: 50
                seats: 5
    """,
    # Announced before anyone said which house: no chamber, and Ruritania has only one.
    "data/elections/diet-election-2028.yaml": """
        name: 2028 Ruritanian Diet election
        country: ruritania
        date: 2028-05
        type: legislative
        status: scheduled
    """,
}


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> Site:
    project = copy_fixture("ruritania", tmp_path_factory.mktemp("chain"), repo_config=True)
    return build(write_tree(project, CHAIN_ELECTIONS))


def as_of_line(article: Node) -> Node:
    return article.one("aside", cls="ee-facts").one("p", cls="ee-facts__as-of")


def current_rows(table: Node) -> list[str]:
    return [tr.find("th").text for tr in table.find("tbody").find_all("tr", cls="ee-current")]


# ============================================================================= as of the data's date


def test_party_title_names_and_leader_agree_as_of_the_newest_fact(example: Site) -> None:
    article = example.article(PARTY)
    assert article.one("h1").text == "Amanat"
    assert example.page(PARTY).find("head").one("title").text.startswith("Amanat ")
    assert article.one("p", cls="ee-facts__title").text == "Amanat"
    line = as_of_line(article)
    assert line.text == "As of 27 March 2023"
    assert line.one("time").get("datetime") == "2023-03-27"
    assert current_rows(article.section("names").one("table")) == ["Amanat current"]
    assert current_rows(article.section("leaders").one("table")) == ["Yerlan Koshanov current"]
    assert facts(article)["Leader"].text == "Yerlan Koshanov (Chairman, since 26 April 2022)"
    # Links elsewhere use the same name; an election's page uses the name of its day.
    assert ("../../parties/nur-otan/", "Amanat") in example.article("countries/kz/").links()
    assert ("nur-otan/", "Amanat") in example.article("parties/").links()
    results = example.article("elections/kz-2021-mazhilis/").one("div", cls="ee-results")
    assert ("../../parties/nur-otan/", "Nur Otan") in results.links()


def test_a_result_is_named_as_of_its_election_with_the_later_name_beside_it(example: Site, early: Site) -> None:
    """One rule on every page: the 2021 result names Nur Otan, with "(now Amanat)" where the page is later."""
    home = example.article("")
    legend = [li.text for li in home.find_all("li") if li.text.startswith("Nur Otan")]
    assert "Nur Otan (now Amanat) 76" in legend
    assert "Nur Otan (renamed Amanat in 2022) won 76 seats" in home.text
    assert "Amanat won" not in home.text
    table = example.article("elections/kz-2021-mazhilis/").one("div", cls="ee-results")
    assert "Nur Otan (now Amanat)" in table.text
    winners = example.article("elections/").text
    assert "Nur Otan (now Amanat) (71.09%)" in winners or "Nur Otan (now Amanat) (71.1%)" in winners
    assert (
        "Communist People's Party of Kazakhstan (now People's Party of Kazakhstan)"
        in example.article("elections/kz-2016-mazhilis/").text
    )
    # A site as of the election's own time has nothing to add.
    assert "(now " not in early.article("elections/kz-2021-mazhilis/").text


def test_timeline_text_names_others_as_they_were_on_the_entrys_date(example: Site) -> None:
    """The page is true on 2022; its 2020 entry still says what the 2020 party was called."""
    for page, href in ((PARTY, "./"), ("parties/ak-zhol/", "../nur-otan/"), ("timeline/", "../parties/nur-otan/")):
        texts = [
            node for node in example.article(page).find_all("div", cls="ee-timeline__text") if "undermine" in node.text
        ]
        assert len(texts) == 1, page
        assert (href, "Nur Otan") in texts[0].links(), page


def test_country_capital_is_the_one_in_use_on_the_date(example: Site) -> None:
    article = example.article("countries/kz/")
    assert facts(article)["Capital"].text == "Astana"
    assert as_of_line(article).text == "As of 27 March 2023"
    hub = example.article("countries/")
    assert "Capital: Astana." in hub.text
    assert hub.one("p", cls="ee-as-of").text == "As of 27 March 2023"


def test_open_terms_read_since_and_nothing_says_today(example: Site) -> None:
    person = example.article("people/kassym-jomart-tokayev/")
    assert facts(person)["Role"].text == "President of Kazakhstan (since 20 March 2019)"
    table = person.section("roles").one("table")
    assert header(table) == ["Role", "Party", "Term"]
    assert rows(table) == [
        ["Chairman", "Nur Otan", "28 January 2022 – 26 April 2022"],
        ["President of Kazakhstan current", "–", "since 20 March 2019"],
    ]
    for path in example.html_files():
        page = example.page(example.url_of(path))
        cells = [cell.text for cell in page.iter() if cell.tag in ("td", "dd")]
        assert not [c for c in cells if c in ("today", "present") or c.endswith((" today", " present"))], path


def test_as_of_setting_turns_every_entity_page_back(early: Site) -> None:
    party = early.article(PARTY)
    assert party.one("h1").text == "Nur Otan"
    assert as_of_line(party).text == "As of 31 January 2021"
    assert as_of_line(party).one("time").get("datetime") == "2021-01-31"
    names = party.section("names").one("table")
    assert current_rows(names) == ["Nur Otan current"]
    assert ["Nur Otan current", "since 1 March 1999", ""] in rows(names)  # its end is after the date
    assert ["Amanat", "from 1 March 2022", "New name for the same party; the organisation did not change."] in rows(
        names
    )
    assert current_rows(party.section("leaders").one("table")) == ["Nursultan Nazarbayev current"]
    assert facts(party)["Leader"].text == "Nursultan Nazarbayev (Chairman, since 1 March 1999)"
    assert facts(early.article("countries/kz/"))["Capital"].text == "Nur-Sultan"
    assert "Capital: Nur-Sultan." in early.article("countries/").text
    person = early.article("people/yerlan-koshanov/")
    assert "Role" not in facts(person)  # nothing he held had begun
    assert current_rows(person.section("roles").one("table")) == []
    assert ("nur-otan/", "Nur Otan") in early.article("parties/").links()


def test_as_of_flag_and_a_bad_as_of(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    env = {**os.environ, "NO_COLOR": "1", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [str(EXPLAINERS), "materialize", "--out", "early", "--as-of", "2021-01"],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (
        (project / "early" / "parties" / "nur-otan.md")
        .read_text(encoding="utf-8")
        .startswith('---\ntitle: "Nur Otan"\n')
    )
    result = subprocess.run(
        [str(EXPLAINERS), "build", "--as-of", "2021-01", "-d", "early-site"],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert Site(project / "early-site", True, None, "").article(PARTY).one("h1").text == "Nur Otan"
    result = subprocess.run(
        [str(EXPLAINERS), "build", "--as-of", "2021-13"], cwd=project, capture_output=True, text=True, env=env
    )
    assert result.returncode == 2
    assert "'2021-13' has no month 13" in result.stderr
    with_as_of(project, "soon")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, capture_output=True, text=True, env=env
    )
    assert result.returncode != 0
    assert "as_of: 'soon' is not a date" in result.stdout + result.stderr
    assert not (project / "site").exists()


# ============================================================================= previous and next


def neighbour(site: Site, election: str, label: str) -> tuple[list[tuple[str, str]], str]:
    """(links, badge text) of an election's Previous or Next."""
    value = facts(site.article(f"elections/{election}/"))[label]
    badges = value.find_all("span", cls="ee-badge")
    return value.links(), badges[0].text if badges else ""


def test_the_chain_shows_the_annulled_election_and_the_comparison_skips_it(chain: Site) -> None:
    assert neighbour(chain, "diet-election-2019", "Next") == (
        [("../diet-election-2022/", "2022 Ruritanian Diet election")],
        "annulled",
    )
    assert neighbour(chain, "diet-election-2024", "Previous") == (
        [("../diet-election-2022/", "2022 Ruritanian Diet election")],
        "annulled",
    )
    assert neighbour(chain, "diet-election-2022", "Next") == (
        [("../diet-election-2024/", "2024 Ruritanian Diet election")],
        "",
    )
    caption = chain.article("elections/diet-election-2024/").one("div", cls="ee-results").one("caption")
    assert caption.text == "2024 Ruritanian Diet election: results; change compared with 2019 Ruritanian Diet election"


def test_a_scheduled_election_without_a_chamber_is_next_in_a_one_chamber_country(chain: Site) -> None:
    assert neighbour(chain, "diet-election-2024", "Next") == (
        [("../diet-election-2028/", "2028 Ruritanian Diet election")],
        "scheduled",
    )
    assert neighbour(chain, "diet-election-2028", "Previous") == (
        [("../diet-election-2024/", "2024 Ruritanian Diet election")],
        "",
    )
    # Other contests stay apart: the presidential chain does not run into the Diet's.
    assert "Next" not in facts(chain.article("elections/referendum-2021/"))
    # Scheduled elections are plans, not facts: the pages are true as of the 2024 vote.
    assert as_of_line(chain.article("countries/ruritania/")).text == "As of 12 May 2024"


# ============================================================================= editors' details


def test_editors_details_are_in_a_collapsed_about_this_data_block(example: Site) -> None:
    pages = [
        PARTY,
        "countries/kz/",
        "people/kassym-jomart-tokayev/",
        "elections/kz-2021-mazhilis/",
        "stories/kz-ruling-party-dominates-vote/",
        "timeline/",
    ]
    for url in pages:
        article = example.article(url)
        about = article.one("details", cls="ee-about-data")
        assert "open" not in about.attrs, url
        assert about.one("summary").text == "About this data"
        inside = set(map(id, about.iter()))
        # The share block offers readers the results as files on purpose (issue 11).
        inside |= {id(node) for share in article.find_all("div", cls="ee-share") for node in share.iter()}
        for node in article.iter():
            if id(node) in inside:
                continue
            assert "Source file" not in "".join(c for c in node.children if isinstance(c, str)), url
            assert not node.get("href", "").endswith(".json"), (url, node.attrs)
            assert node.tag != "code", (url, node.text)
    about = example.article(PARTY).one("details", cls="ee-about-data")
    assert [code.text for code in about.find_all("code")] == ["data/parties/nur-otan.yaml", "#1f5fa8"]
    assert [href for href, _ in about.links() if href.endswith(".json")] == [
        "../../timeline/nur-otan.json",
        "../../timeline/nur-otan.timelinejs.json",
    ]
    assert [href for href, _ in example.article("timeline/").one("details").links()] == [
        "index.json",
        "index.timelinejs.json",
    ]


# ============================================================================= stories


def test_no_story_is_both_in_the_timeline_and_in_related_stories(example: Site) -> None:
    checked = 0
    for path in example.html_files():
        url = example.url_of(path)
        if not url.startswith(("countries/", "parties/", "people/", "elections/")):
            continue
        article = example.article(url)
        if not article.find_all(id="timeline") or not article.find_all(id="related-stories"):
            continue
        timeline = {href for href, _ in article.section("timeline").links()}
        related = {href for href, _ in article.section("related-stories").links() if "/stories/" in href}
        assert not timeline & related, url
        checked += 1
    assert checked >= 3
    # A story about the party is listed once, under related stories, and not in its timeline.
    party = example.article(PARTY)
    story = "../../stories/kz-ruling-party-dominates-vote/"
    assert story in {href for href, _ in party.section("related-stories").links()}


def test_a_story_shows_three_subjects_above_its_text_and_the_rest_after(example: Site) -> None:
    article = example.article("stories/kz-ruling-party-dominates-vote/")
    chips = article.find("ul", cls="ee-chips")  # the story's own; related stories have theirs
    assert chips.links() == [
        ("../../elections/kz-2021-mazhilis/", "2021 Kazakh legislative election"),
        ("../../parties/nur-otan/", "Nur Otan"),
        ("../../parties/ak-zhol/", "Ak Zhol Democratic Party"),
    ]
    more = article.one("p", cls="ee-more-on")
    assert more.text.startswith("More on: People's Party of Kazakhstan · ")
    shown = [href for href, _ in chips.links() + more.links()]
    story = example.root.parent / "data" / "stories" / "kz-ruling-party-dominates-vote.yaml"
    ids = yaml.safe_load(story.read_text(encoding="utf-8"))["about"]
    assert len(ids) == len(shown) > 3
    assert sorted(href.split("/")[-2] for href in shown) == sorted(ids)
    # Lists of stories show three subjects and say how many more there are.
    entry = example.article("parties/ak-zhol/").section("related-stories").find("li", cls="ee-story")
    assert entry.one("li", cls="ee-chips__more").text.startswith("and ")
    assert len(entry.one("ul", cls="ee-chips").find_all("a")) == 3
