"""Election night on the built site: every page kind marks the counting election, and once it is
held every mark goes.

One real build per moment of ``tests/fixtures/counting-night`` (``steps/step1..3`` and ``final``).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from sites import Site, build

NIGHT = Path(__file__).resolve().parent / "fixtures" / "counting-night"
ELECTION = "vl-2024-assembly"
STEPS = ("step1", "step2", "step3", "final")
MARKS = {
    "step1": "Preliminary count, 12.4% of precincts reported, updated 22:10 (UTC+6)",
    "step2": "Preliminary count, 62.5% of precincts reported, updated 23:40 (UTC+6)",
    "step3": "Preliminary count, 97.8% of precincts reported, updated 18 March, 02:15 (UTC+6)",
}
# Every kind of page the election appears on, and the chart embed page.
PAGES = (
    f"elections/{ELECTION}/index.html",  # status line, facts box, chart caption
    "countries/vl/index.html",  # election list
    "elections/index.html",  # the elections hub
    "parties/harbour/index.html",  # election history
    "people/mira-ostrander/index.html",  # elections stood in (as party leader)
    "index.html",  # a hand-written page embedding the facts box and the vote chart
    f"embed/{ELECTION}/votes/index.html",  # the chart on a page of its own, for an iframe
)
# What only a provisional mark puts in a page (not the sources' own titles).
MARK_TRACES = re.compile(r"of precincts reported|ee-count-note|ee-status--counting|ee-badge--counting|data-ee-count")


def project(root: Path, step: str) -> Path:
    shutil.copytree(NIGHT, root)
    shutil.copy2(NIGHT / "steps" / f"{step}.yaml", root / "data" / "elections" / f"{ELECTION}.yaml")
    return root


@pytest.fixture(scope="module")
def night(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Site]:
    return {step: build(project(tmp_path_factory.mktemp(step) / "night", step)) for step in STEPS}


@pytest.mark.parametrize("step", ["step1", "step2", "step3"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_of_the_counting_election_carries_the_mark(night: dict[str, Site], step: str, page: str) -> None:
    html = (night[step].root / page).read_text(encoding="utf-8")
    assert MARKS[step] in html
    for other, mark in MARKS.items():
        assert other == step or mark not in html, f"{page} shows the {other} count at {step}"


def test_the_election_page_says_provisional_and_not_annulled(night: dict[str, Site]) -> None:
    article = night["step2"].article(f"elections/{ELECTION}/").text
    assert f"Provisional: {MARKS['step2']}. These figures will change until the official result is in." in article
    assert "Annulled" not in article and "annulled" not in article


def history_table(site: Site) -> list[list[str]]:
    table = site.article(f"elections/{ELECTION}/").find("table", cls="ee-count-history")
    return [[cell.text for cell in row.find_all() if cell.tag in ("th", "td")] for row in table.find_all("tr")]


def test_the_count_history_grows_one_row_per_update(night: dict[str, Site]) -> None:
    assert history_table(night["step3"]) == [
        ["Updated", "Reported", "Harbour Party", "Upland Union", "New Voice"],
        ["22:10", "12.4% of precincts", "47.9%", "39.9%", "12.2%"],
        ["23:40", "62.5% of precincts", "45.1%", "41.8%", "13.1%"],
        ["18 Mar 02:15", "97.8% of precincts", "44.6%", "42.3%", "13.1%"],
    ]
    assert len(history_table(night["step1"])) == 2
    caption = night["step3"].article(f"elections/{ELECTION}/").find("table", cls="ee-count-history").find("caption")
    assert caption.text == "Each update of the preliminary count (times in UTC+6)"


def test_the_leader_shows_beside_the_mark_in_election_lists(night: dict[str, Site]) -> None:
    row = night["step2"].article("countries/vl/").find("table", cls="ee-election-list").find_all("tr")[1]
    assert "Harbour Party (45.1%) leading" in row.text and MARKS["step2"] in row.text


def json_ld(site: Site, page: str) -> dict[str, object]:
    html = (site.root / page).read_text(encoding="utf-8")
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert found
    return json.loads(found.group(1))


def downloads(site: Site) -> tuple[dict[str, object], list[dict[str, str]]]:
    data = json.loads((site.root / "data" / "elections" / f"{ELECTION}.json").read_text(encoding="utf-8"))
    table = (site.root / "data" / "elections" / f"{ELECTION}.csv").read_text(encoding="utf-8").removeprefix("\ufeff")
    return data["election"], list(csv.DictReader(io.StringIO(table)))


def test_json_ld_and_downloads_say_provisional(night: dict[str, Site]) -> None:
    description = json_ld(night["step2"], f"elections/{ELECTION}/index.html")["description"]
    assert isinstance(description, str) and description.startswith(MARKS["step2"] + ".")
    election, rows = downloads(night["step2"])
    assert election["status"] == "counting" and election["provisional"] is True
    assert election["count"] == MARKS["step2"]
    assert {row["provisional"] for row in rows} == {"yes"}


def test_once_held_every_mark_goes(night: dict[str, Site]) -> None:
    site = night["final"]
    for path in site.html_files(embeds=True):
        text = path.read_text(encoding="utf-8")
        assert not MARK_TRACES.search(text), path.relative_to(site.root)
    assert "Preliminary count, 97.8%" not in json.dumps(json_ld(site, f"elections/{ELECTION}/index.html"))
    election, rows = downloads(site)
    assert election["status"] == "held" and election["provisional"] is False and "count" not in election
    assert {row["provisional"] for row in rows} == {"no"}
    # The official result leads; the count's history stays in the downloads, not on the page.
    assert site.article(f"elections/{ELECTION}/").find_all("table", cls="ee-count-history") == []


def test_count_json_beside_the_page_while_counting_and_once_held(night: dict[str, Site]) -> None:
    def count(step: str) -> dict[str, object]:
        return json.loads((night[step].root / "elections" / ELECTION / "count.json").read_text(encoding="utf-8"))

    assert count("step2")["text"] == MARKS["step2"] and count("step2")["provisional"] is True
    assert [row["cells"][1] for row in count("step3")["rows"]] == [  # type: ignore[index, union-attr]
        "12.4% of precincts",
        "62.5% of precincts",
        "97.8% of precincts",
    ]
    assert count("final") == {"election": ELECTION, "status": "held", "provisional": False}, "a page left open stops"
    assert not (night["final"].root / "elections" / "vl-2019-assembly" / "count.json").exists(), "never counted here"
