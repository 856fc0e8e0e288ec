"""Election night: the count's history in an election's file, its checks, and what the site says about it.

The night is ``tests/fixtures/counting-night``: its ``steps/`` hold the election's file
after each of three preliminary updates (12.4%, 62.5% and 97.8% of precincts reported)
and at the end (``status: held`` with the official result after the three updates).
Each bad case is a located problem, printed in full.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from election_explainers.core.data.count_checks import Clock, wall_clock
from election_explainers.core.data.dataset import Dataset
from election_explainers.core.data.loader import load
from election_explainers.core.data.models import Election, ResultSet
from election_explainers.core.data.problems import DataError
from election_explainers.core.index.counting import (
    CountStatus,
    count_status,
    current_sets,
    describe_count,
    history,
    is_provisional,
    newest,
    percent_text,
    utc_offset_label,
)
from election_explainers.core.index.results import compare, primary_set

NIGHT = Path(__file__).resolve().parent / "fixtures" / "counting-night"
ELECTION = "vl-2024-assembly"
FILE = f"data/elections/{ELECTION}.yaml"
STEPS = ("step1", "step2", "step3", "final")
SIX_EAST = dt.timezone(dt.timedelta(hours=6))


def step_text(step: str) -> str:
    return (NIGHT / "steps" / f"{step}.yaml").read_text(encoding="utf-8")


def night(tmp_path: Path, text: str) -> Path:
    """The counting-night project with ``text`` as the election's file."""
    root = tmp_path / "night"
    shutil.copytree(NIGHT, root)
    (root / FILE).write_text(text, encoding="utf-8")
    return root


def load_night(root: Path, clock: Clock = wall_clock) -> Dataset:
    return load(root / "data", root / "docs", root=root, clock=clock)


def problems_of(tmp_path: Path, text: str, clock: Clock = wall_clock) -> list[str]:
    try:
        load_night(night(tmp_path, text), clock)
    except DataError as error:
        return [str(problem) for problem in error.problems]
    return []


def election_at(tmp_path: Path, step: str) -> tuple[Dataset, Election]:
    dataset = load_night(night(tmp_path, step_text(step)))
    election = dataset.get(ELECTION)
    assert isinstance(election, Election)
    return dataset, election


def at(text: str, line_text: str, nth: int = 1) -> str:
    """``FILE:line:column`` of the value on the ``nth`` line that holds ``line_text`` (``key: value``)."""
    found = [number for number, line in enumerate(text.splitlines(), 1) if line_text in line]
    line = text.splitlines()[found[nth - 1] - 1]
    column = line.index(": ") + 3 if ": " in line else len(line) - len(line.lstrip()) + 1
    return f"{FILE}:{found[nth - 1]}:{column}"


# ----------------------------------------------------------------------------- the night, step by step


def test_the_fixture_holds_the_first_update_in_data() -> None:
    assert (NIGHT / FILE).read_text(encoding="utf-8") == step_text("step1")


@pytest.mark.parametrize("step", STEPS)
def test_every_step_of_the_night_validates(tmp_path: Path, step: str) -> None:
    assert problems_of(tmp_path, step_text(step)) == []


def test_the_history_grows_and_the_newest_leads(tmp_path: Path) -> None:
    reported = []
    for step in STEPS:
        _, election = election_at(tmp_path / step, step)
        sets = history(election)
        reported.append([s.reported for s in sets])
        if step != "final":
            assert primary_set(election) is newest(election) is sets[-1], "a count is shown at its newest"
            assert [s.kind for s in current_sets(election)] == ["preliminary"]
    assert reported == [[12.4], [12.4, 62.5], [12.4, 62.5, 97.8], [12.4, 62.5, 97.8]]
    _, final = election_at(tmp_path / "again", "final")
    official = primary_set(final)
    assert official is not None and official.kind == "official"
    assert [s.kind for s in current_sets(final)] == ["preliminary", "official"], "in the file's order"
    assert current_sets(final)[0] is newest(final)


def test_the_side_by_side_table_shows_only_the_newest_update(tmp_path: Path) -> None:
    dataset, election = election_at(tmp_path, "step3")
    comparison = compare(dataset, election)
    assert [s.reported for s in comparison.sets] == [97.8]
    assert [line.row.percent for line in comparison.lines] == [44.6, 42.3, 13.1]


def test_provisional_while_counting_and_not_once_held(tmp_path: Path) -> None:
    states = []
    for step in STEPS:
        _, election = election_at(tmp_path / step, step)
        states.append((is_provisional(election), count_status(election) is not None))
    assert states == [(True, True), (True, True), (True, True), (False, False)]


def test_count_status_and_its_english_wording(tmp_path: Path) -> None:
    _, election = election_at(tmp_path / "2", "step2")
    status = count_status(election)
    assert status == CountStatus(
        reported=62.5,
        basis="precincts",
        updated=dt.datetime(2024, 3, 17, 23, 40, tzinfo=SIX_EAST),
        updates=2,
        polling_day=dt.date(2024, 3, 17),
    )
    assert describe_count(status) == "Preliminary count, 62.5% of precincts reported, updated 23:40 (UTC+6)"
    _, election = election_at(tmp_path / "3", "step3")
    status = count_status(election)
    assert status is not None
    assert describe_count(status) == (
        "Preliminary count, 97.8% of precincts reported, updated 18 March, 02:15 (UTC+6)"
    ), "after midnight the day is said too"


@pytest.mark.parametrize(
    ("reported", "basis", "updated", "expected"),
    [
        (62.5, None, "2024-03-17T23:40:00+06:00", "Preliminary count, 62.5% reported, updated 23:40 (UTC+6)"),
        (
            40.0,
            "votes",
            "2024-03-17T20:05:00+05:30",
            "Preliminary count, 40% of votes counted, updated 20:05 (UTC+5:30)",
        ),
        (100.0, None, "2024-03-17T21:00:00-03:00", "Preliminary count, 100% reported, updated 21:00 (UTC-3)"),
        (None, None, "2024-03-17T18:00:00Z", "Preliminary count, updated 18:00 (UTC)"),
        (7.25, "precincts", None, "Preliminary count, 7.25% of precincts reported"),
    ],
)
def test_wording_of_each_kind_of_progress(
    reported: float | None, basis: str | None, updated: str | None, expected: str
) -> None:
    moment = dt.datetime.fromisoformat(updated) if updated else None
    status = CountStatus(reported, basis, moment, 1, dt.date(2024, 3, 17))
    assert describe_count(status) == expected


def test_offset_labels_and_percent_text() -> None:
    labels = [
        utc_offset_label(dt.datetime(2024, 1, 1, tzinfo=dt.timezone(dt.timedelta(minutes=m))))
        for m in (0, 360, 330, -180, 345, -570)
    ]
    assert labels == ["UTC", "UTC+6", "UTC+5:30", "UTC-3", "UTC+5:45", "UTC-9:30"]
    assert [percent_text(v) for v in (62.5, 100.0, 0.0, 12.345, 99.999)] == ["62.5%", "100%", "0%", "12.35%", "100%"]


def test_held_with_preliminary_sets_is_not_provisional(tmp_path: Path) -> None:
    _, election = election_at(tmp_path, "step2")
    held = election.model_copy(update={"status": "held"})
    assert history(held) == history(election) and not is_provisional(held) and count_status(held) is None


# ----------------------------------------------------------------------------- updated, as YAML gives it


@pytest.mark.parametrize(
    "written",
    [
        "2024-03-17T23:40:00+06:00",  # unquoted: PyYAML would make it an aware datetime; our loader keeps the text
        '"2024-03-17T23:40:00+06:00"',
        "'2024-03-17 23:40+06:00'",
        "2024-03-17T17:40:00Z",
        "2024-03-17T17:40:00.000+00:00",
    ],
)
def test_updated_in_every_way_yaml_writes_it(tmp_path: Path, written: str) -> None:
    root = night(tmp_path, step_text("step2").replace("updated: 2024-03-17T23:40:00+06:00", f"updated: {written}"))
    election = load_night(root).get(ELECTION)
    assert isinstance(election, Election)
    assert election.results[1].updated == dt.datetime(2024, 3, 17, 17, 40, tzinfo=dt.UTC)


def test_updated_from_pyyaml_and_ruamel_datetimes() -> None:
    yaml = pytest.importorskip("yaml")
    from ruamel.yaml import YAML

    text = "kind: preliminary\nupdated: 2024-03-17T23:40:00+06:00\nrows: []\n"
    from_pyyaml = ResultSet.model_validate(yaml.safe_load(text))
    from_ruamel = ResultSet.model_validate(dict(YAML(typ="rt").load(text)))
    assert isinstance(yaml.safe_load(text)["updated"], dt.datetime), "PyYAML gives an aware datetime"
    assert from_pyyaml.updated == from_ruamel.updated == dt.datetime(2024, 3, 17, 23, 40, tzinfo=SIX_EAST)
    assert type(from_ruamel.updated) is dt.datetime, "not ruamel's TimeStamp subclass"
    assert from_pyyaml.model_dump(mode="json")["updated"] == "2024-03-17T23:40:00+06:00"


# ----------------------------------------------------------------------------- each bad case, located


def test_updated_without_an_offset(tmp_path: Path) -> None:
    text = step_text("step2").replace("updated: 2024-03-17T23:40:00+06:00", "updated: 2024-03-17T23:40:00")
    assert problems_of(tmp_path, text) == [
        f"{at(text, 'updated: 2024-03-17T23:40:00')}: results[1].updated: 2024-03-17T23:40:00 has no UTC offset: "
        "add the offset of the clock that read it, as in 2023-03-19T23:40:00+06:00 (or Z for UTC)"
    ], "one problem: not an echo saying the counting election has no preliminary set"


def test_updated_that_is_no_date_and_time(tmp_path: Path) -> None:
    text = step_text("step2").replace("updated: 2024-03-17T23:40:00+06:00", "updated: tonight")
    assert problems_of(tmp_path, text) == [
        f"{at(text, 'updated: tonight')}: results[1].updated: 'tonight' is not a date and time: "
        "write it as 2023-03-19T23:40:00+06:00"
    ]


@pytest.mark.parametrize("later", ["2024-03-17T21:40:00+06:00", "2024-03-17T16:10:00Z"])  # earlier; the same moment
def test_updates_out_of_order(tmp_path: Path, later: str) -> None:
    text = step_text("step2").replace("2024-03-17T23:40:00+06:00", later)
    shown = dt.datetime.fromisoformat(later).isoformat()
    assert problems_of(tmp_path, text) == [
        f"{at(text, 'updated: ', 2)}: results[1].updated: updated {shown} is not after results[0] "
        "(2024-03-17T22:10:00+06:00): the count's history goes oldest first, each set newer than the one before"
    ]


def test_an_update_more_than_a_day_in_the_future_of_the_build(tmp_path: Path) -> None:
    text = step_text("step3")

    def clock(hours: float) -> Clock:
        return lambda: dt.datetime(2024, 3, 16, 20, tzinfo=dt.UTC) + dt.timedelta(hours=hours)

    # The newest update is 2024-03-17T20:15Z: 24 h 15 min after the clock; the others less.
    assert problems_of(tmp_path / "a", text, clock(0)) == [
        f"{at(text, 'updated: ', 3)}: results[2].updated: updated 2024-03-18T02:15:00+06:00 is more than a day "
        "after now (2024-03-16T20:00:00+00:00): check the date and the UTC offset"
    ]
    assert problems_of(tmp_path / "b", text, clock(0.5)) == [], "less than a day ahead is a clock's drift"


@pytest.mark.parametrize(("value", "message"), [("100.5", "must be at most 100"), ("-1", "must be at least 0")])
def test_reported_outside_0_to_100(tmp_path: Path, value: str, message: str) -> None:
    text = step_text("step2").replace("reported: 62.5", f"reported: {value}")
    assert problems_of(tmp_path, text) == [f"{at(text, f'reported: {value}')}: results[1].reported: {message}"]


def test_reported_going_down(tmp_path: Path) -> None:
    text = step_text("step3").replace("reported: 97.8", "reported: 50")
    assert problems_of(tmp_path, text) == [
        f"{at(text, 'reported: 50')}: results[2].reported: reported 50% is less than the 62.5% of results[1]: "
        "a count only goes up"
    ]


def test_reported_on_another_basis_may_be_lower(tmp_path: Path) -> None:
    text = step_text("step3").replace("reported: 97.8\n    basis: precincts", "reported: 50\n    basis: votes")
    assert problems_of(tmp_path, text) == []


def test_a_preliminary_set_after_the_official_one(tmp_path: Path) -> None:
    final = step_text("final")
    official_at = final.index("  - kind: official\n")
    third_at = final.index("  - kind: preliminary\n    updated: 2024-03-18")
    third, official = final[third_at:official_at], final[official_at : final.index("tags:")]
    text = final[:third_at] + official + third + "tags: [elections]\n"
    assert problems_of(tmp_path, text) == [
        f"{at(text, '- kind: preliminary', 3)}: results[3].kind: a preliminary set after the official one "
        "(results[2]): the count's history comes before the official result"
    ]


def test_counting_without_a_preliminary_set(tmp_path: Path) -> None:
    text = step_text("final").replace("status: held", "status: counting")
    start, end = text.index("results:\n"), text.index("  - kind: official\n")
    text = text[:start] + "results:\n" + text[end:]
    assert problems_of(tmp_path, text) == [
        f"{at(text, 'status: counting')}: status: status: counting needs a preliminary result set "
        "(the count so far); use held once the official result is in"
    ]


def test_counting_with_the_official_result_in_is_accepted_and_stays_provisional(tmp_path: Path) -> None:
    text = step_text("final").replace("status: held", "status: counting")
    root = night(tmp_path, text)
    election = load_night(root).get(ELECTION)
    assert isinstance(election, Election) and is_provisional(election)


def test_count_fields_belong_to_preliminary_sets(tmp_path: Path) -> None:
    text = step_text("final").replace(
        "  - kind: official\n", "  - kind: official\n    updated: 2024-03-19T10:00:00+06:00\n    basis: votes\n"
    )
    assert problems_of(tmp_path, text) == [
        f"{at(text, 'updated: 2024-03-19')}: results[3].updated: updated belongs to a preliminary set "
        "(the count's progress), not to an official set",
        f"{at(text, 'basis: votes')}: results[3].basis: basis belongs to a preliminary set "
        "(the count's progress), not to an official set",
        f"{at(text, 'basis: votes')}: results[3].basis: basis says what reported counts: add reported, "
        "or leave basis out",
    ]


def test_basis_without_reported(tmp_path: Path) -> None:
    text = step_text("step2").replace("    reported: 62.5\n", "")
    assert problems_of(tmp_path, text) == [
        f"{at(text, 'basis: precincts', 2)}: results[1].basis: basis says what reported counts: add reported, "
        "or leave basis out"
    ]


def test_a_basis_that_is_not_one(tmp_path: Path) -> None:
    text = step_text("step2").replace("basis: precincts", "basis: stations", 1)
    assert problems_of(tmp_path, text) == [
        f"{at(text, 'basis: stations')}: results[0].basis: must be 'precincts' or 'votes', got text 'stations'"
    ]


def test_several_updates_each_need_updated(tmp_path: Path) -> None:
    text = step_text("step2").replace("    updated: 2024-03-17T22:10:00+06:00\n", "")
    line = text.splitlines().index("  - kind: preliminary") + 1
    assert problems_of(tmp_path, text) == [
        f"{FILE}:{line}:5: results[0]: several preliminary sets are the count's history: each needs updated "
        "(when it was published, e.g. 2023-03-19T23:40:00+06:00)"
    ]


def test_one_preliminary_set_may_go_without_updated(tmp_path: Path) -> None:
    text = step_text("step1").replace("    updated: 2024-03-17T22:10:00+06:00\n", "")
    assert problems_of(tmp_path, text) == []


def test_an_update_before_polling_day(tmp_path: Path) -> None:
    text = step_text("step2").replace("2024-03-17T22:10:00+06:00", "2024-03-16T23:10:00+06:00")
    assert problems_of(tmp_path, text) == [
        f"{at(text, 'updated: 2024-03-16')}: results[0].updated: updated 2024-03-16T23:10:00+06:00 is before "
        "polling day (2024-03-17): a count starts after the vote"
    ]


def test_every_problem_at_once(tmp_path: Path) -> None:
    text = (
        step_text("step3")
        .replace("reported: 97.8", "reported: 50")
        .replace("2024-03-17T23:40:00+06:00", "2024-03-17T21:00:00+06:00")
    )
    assert [p.split(": ", 2)[1] for p in problems_of(tmp_path, text)] == ["results[1].updated", "results[2].reported"]


# ----------------------------------------------------------------------------- downloads


def test_the_downloads_keep_each_update_apart(tmp_path: Path) -> None:
    import csv
    import io
    import json

    from election_explainers.core.publish.downloads_results import result_rows, results_csv, results_json
    from election_explainers.core.render.render import Renderer
    from election_explainers.core.render.view import View

    dataset, election = election_at(tmp_path, "step3")
    view = View(Renderer(dataset), "", None)
    rows = result_rows(view, election)
    sets = json.loads(results_json(view, election, rows))["result_sets"]
    assert [(s["updated"], s["reported"], s["basis"], [r["percent"] for r in s["rows"]]) for s in sets] == [
        ("2024-03-17T22:10:00+06:00", 12.4, "precincts", [47.9, 39.9, 12.2]),
        ("2024-03-17T23:40:00+06:00", 62.5, "precincts", [45.1, 41.8, 13.1]),
        ("2024-03-18T02:15:00+06:00", 97.8, "precincts", [44.6, 42.3, 13.1]),
    ], "each update with its own rows, not every preliminary row in each"
    table = list(csv.DictReader(io.StringIO(results_csv(rows).removeprefix("\ufeff"))))
    assert [(r["result_updated"], r["choice_id"]) for r in table[:4]] == [
        ("2024-03-18T02:15:00+06:00", "harbour"),  # the newest first: it is the primary set
        ("2024-03-18T02:15:00+06:00", "upland"),
        ("2024-03-18T02:15:00+06:00", "new-voice"),
        ("2024-03-17T22:10:00+06:00", "harbour"),
    ]


# ----------------------------------------------------------------------------- the built site

MARK = "Preliminary count, 62.5% of precincts reported, updated 23:40 (UTC+6)"
PAGES_SHOWING_THE_ELECTION = (
    "elections/vl-2024-assembly/index.html",
    "countries/vl/index.html",
    "parties/harbour/index.html",
    "index.html",
)


def test_the_count_shows_on_every_page_of_the_election_and_goes_once_held(tmp_path: Path) -> None:
    from sites import build

    site = build(night(tmp_path / "counting", step_text("step2")))
    for page in PAGES_SHOWING_THE_ELECTION:
        assert MARK in (site.root / page).read_text(encoding="utf-8"), page
    held = build(night(tmp_path / "held", step_text("final")))
    for page in PAGES_SHOWING_THE_ELECTION:
        # Not "Preliminary count,": the sources' titles say so ("Preliminary count, first update").
        assert "of precincts reported" not in (held.root / page).read_text(encoding="utf-8"), page


def test_the_mark_speaks_the_page_language() -> None:
    """A Russian or Kazakh page gives the count in its own words and figures; English stays as written."""
    from election_explainers.core.data.loader import load
    from election_explainers.core.render.options import RenderOptions
    from election_explainers.core.render.pages.counting import Counting
    from election_explainers.core.render.render import Renderer
    from election_explainers.core.render.view import View

    night = Path(__file__).resolve().parent / "fixtures" / "counting-night"
    dataset = load(night / "data", clock=lambda: dt.datetime(2024, 3, 18, tzinfo=dt.UTC))
    english = Renderer(dataset, RenderOptions(languages=("en", "ru", "kk")))
    election = dataset.records["vl-2024-assembly"]
    said = {
        lang: Counting(View(english.in_language(lang), "", election)).describe(election) for lang in ("en", "ru", "kk")
    }
    assert said["en"] == "Preliminary count, 12.4% of precincts reported, updated 22:10 (UTC+6)"
    assert said["ru"] == "Предварительный подсчёт, обработано 12,4\xa0% протоколов, обновлено 22:10 (UTC+6)"
    assert said["kk"] == "Алдын ала санау, хаттамалардың 12,4% өңделді, жаңартылды: 22:10 (UTC+6)"


def test_each_language_has_its_own_count_file_in_its_words() -> None:
    """The Russian page refreshes from ru/elections/<id>/count.json, which says the count in Russian."""
    from election_explainers.core.data.loader import load
    from election_explainers.core.publish.live_count import count_files
    from election_explainers.core.render.options import RenderOptions
    from election_explainers.core.render.render import Renderer

    night = Path(__file__).resolve().parent / "fixtures" / "counting-night"
    dataset = load(night / "data", clock=lambda: dt.datetime(2024, 3, 18, tzinfo=dt.UTC))
    russian = Renderer(dataset, RenderOptions(languages=("en", "ru"))).in_language("ru")
    files = {file.path: file for file in count_files(russian)}
    assert list(files) == ["ru/elections/vl-2024-assembly/count.json"]
    count = json.loads(files["ru/elections/vl-2024-assembly/count.json"].make())
    assert count["text"] == "Предварительный подсчёт, обработано 12,4\xa0% протоколов, обновлено 22:10 (UTC+6)"
    assert count["rows"][0]["cells"][1] == "12,4\xa0% участков"
