"""``explainers import-results``: a commission's table into an election's YAML, as an editor runs it.

The round trip is the 2021 CEC table of the Mazhilis election (tests/fixtures/import):
imported into a copy of the example data whose official result set was cut out,
it must give back the example's file, byte for byte.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from election_explainers.core.data.loader import load
from election_explainers.core.data.models import Election, ResultSet
from election_explainers.core.data.result_figures import parse_count, parse_percent
from election_explainers.core.data.result_names import normalize_name
from election_explainers.core.data.tables import Cell

REPO_ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import"
EXPLAINERS = Path(sys.executable).parent / "explainers"
ELECTION = "kz-2021-mazhilis"
ELECTION_FILE = f"data/elections/{ELECTION}.yaml"
SOURCE = (
    "--source-title",
    "Kazakh parliamentary election: Central Election Commission announces final results",
    "--source-publisher",
    "The Astana Times",
    "--source-date",
    "2021-01-12",
)
OFFICIAL_START = "  - kind: official\n"


def explainers(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(EXPLAINERS), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )


def example_text() -> str:
    return (REPO_ROOT / ELECTION_FILE).read_text(encoding="utf-8")


def official_set(root: Path) -> ResultSet:
    election = load(root / "data").get(ELECTION)
    assert isinstance(election, Election)
    (official,) = (s for s in election.results if s.kind == "official")
    return official


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The example's data/, with the 2021 official result set cut out of the election's file."""
    shutil.copytree(REPO_ROOT / "data", tmp_path / "data")
    text = example_text()
    start, end = text.index(OFFICIAL_START), text.index("\ntags:\n") + 1
    (tmp_path / ELECTION_FILE).write_text(text[:start] + text[end:], encoding="utf-8")
    shutil.copytree(FIXTURES, tmp_path / "cec")
    return tmp_path


def import_csv(project: Path, *extra: str, table: str = "cec/kz-2021-mazhilis-cec.csv"):
    return explainers(
        "import-results", table, "--election", ELECTION, "--map", "cec/names.yaml", *SOURCE, *extra, cwd=project
    )


@pytest.mark.repo_data
def test_cec_csv_round_trips_into_the_example_file(project: Path) -> None:
    result = import_csv(project)
    assert (result.returncode, result.stdout) == (0, f"{ELECTION_FILE}: added the official result set (6 rows)\n")
    assert result.stderr == "cec/kz-2021-mazhilis-cec.csv: left out line 10: 'Total' (a total)\n"
    assert official_set(project) == official_set(REPO_ROOT)
    assert (project / ELECTION_FILE).read_text(encoding="utf-8") == example_text()
    assert sorted(p.name for p in (project / "data/elections").iterdir()) == sorted(
        p.name for p in (REPO_ROOT / "data/elections").iterdir()
    ), "no temporary file may be left beside the election"


@pytest.mark.repo_data
def test_importing_the_same_table_again_changes_nothing(project: Path) -> None:
    assert import_csv(project).returncode == 0
    path = project / ELECTION_FILE
    before = path.stat().st_mtime_ns
    again = import_csv(project)
    assert (again.returncode, again.stdout) == (
        0,
        f"{ELECTION_FILE}: unchanged; its official result set already holds these 6 rows\n",
    )
    assert path.stat().st_mtime_ns == before, "an identical set is not written again"


@pytest.mark.repo_data
def test_xlsx_with_russian_headers_and_percent_cells(project: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Итоги"
    sheet.append(["Центральная избирательная комиссия Республики Казахстан"])
    sheet.append([])
    sheet.append(["№", "Наименование политической партии", "Количество голосов", "% голосов", "Количество мандатов"])
    for number, (name, votes, share, seats) in enumerate(
        [
            ("Nur Otan", 5148074, 0.7109, 76),
            ("AK ZHOL", 792828, 0.1095, 12),
            ("People’s Party of Kazakhstan", 659019, 0.091, 10),  # typographic apostrophe
            ("  Auyl ", 383023, 0.0529, 0),
            ("Adal", 258618, 0.0357, 0),
        ],
        start=1,
    ):
        sheet.append([number, name, votes, share, seats])
        sheet.cell(row=sheet.max_row, column=4).number_format = "0.00%"  # shown as 71.09%, stored as 0.7109
    sheet.append([None, "Assembly of the People of Kazakhstan", None, None, 9])
    book.save(project / "cec.xlsx")

    result = import_csv(project, table="cec.xlsx")
    assert (result.returncode, result.stderr) == (0, ""), result.stdout
    assert official_set(project) == official_set(REPO_ROOT)
    assert (project / ELECTION_FILE).read_text(encoding="utf-8") == example_text(), "9.10 keeps its two decimals"


@pytest.mark.repo_data
def test_kazakh_headers_chosen_columns_and_a_tab_separated_file(project: Path) -> None:
    (project / "kk.tsv").write_text(
        "Партияның атауы\tДауыс саны\tПайыз\tЕскерту\nNur Otan\t5148074\t71.09\tx\nAk Zhol\t792828\t10.95\t\n",
        encoding="utf-8",
    )
    result = explainers(
        "import-results", "kk.tsv", "--election", ELECTION, "--kind", "preliminary", "--column", "seats=D",
        cwd=project,
    )  # fmt: skip
    # Column D is not a number of seats: the cell is named, not guessed around.
    assert (result.returncode, result.stdout) == (
        1,
        "kk.tsv:2:4: seats of 'Nur Otan': expected a whole number, got 'x'\n",
    )
    result = explainers("import-results", "kk.tsv", "--election", ELECTION, "--kind", "preliminary", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    election = load(project / "data").get(ELECTION)
    assert isinstance(election, Election)
    preliminary = election.results[-1]
    assert preliminary.kind == "preliminary"
    assert [(r.party, r.votes, r.percent, r.seats) for r in preliminary.rows] == [
        ("nur-otan", 5148074, 71.09, None),
        ("ak-zhol", 792828, 10.95, None),
    ]
    assert (
        "      - party: peoples-party-kz\n        percent: 9.03\n"  # the exit poll, the last set before
        "  - kind: preliminary\n"
        "    rows:\n"
        "      - party: nur-otan\n        votes: 5148074\n        percent: 71.09\n"
        "      - party: ak-zhol\n        votes: 792828\n        percent: 10.95\n"
        "tags:\n"
    ) in (project / ELECTION_FILE).read_text(encoding="utf-8"), (
        "a new set goes at the end of results, in the house layout"
    )


@pytest.mark.repo_data
def test_every_unknown_name_at_once_with_did_you_mean(project: Path) -> None:
    table = (FIXTURES / "kz-2021-mazhilis-cec.csv").read_text(encoding="utf-8")
    (project / "bad.csv").write_text(
        table.replace("Auyl", "Auil").replace("Adal", "Adl Party").replace("10,95", "ten"), encoding="utf-8"
    )
    before = (project / ELECTION_FILE).read_bytes()
    result = import_csv(project, table="bad.csv")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "bad.csv:6:4: percent of '\"Ak Zhol\"': expected a percentage, got 'ten'",
        "bad.csv:8:2: 'Auil' matches no party or person of kz (add the name to their other_names, "
        "or map it in a --map file); did you mean 'Auyl' (auyl)?",
        "bad.csv:9:2: 'Adl Party' matches no party or person of kz (add the name to their other_names, "
        "or map it in a --map file)",
    ]
    assert result.stderr.endswith("3 problems found.\n")
    assert (project / ELECTION_FILE).read_bytes() == before


@pytest.mark.repo_data
def test_a_different_set_is_refused_without_replace_and_comments_survive(repo_root: Path, tmp_path: Path) -> None:
    shutil.copytree(repo_root / "data", tmp_path / "data")
    shutil.copytree(FIXTURES, tmp_path / "cec")
    path = tmp_path / ELECTION_FILE
    commented = (
        example_text()
        .replace("turnout: 63.25\n", "turnout: 63.25  # CEC, final\n")
        .replace(OFFICIAL_START, "  # Final figures; the exit poll is above.\n" + OFFICIAL_START)
        .replace("        seats: 76\n", "        seats: 76  # of 98 contested\n")
    )
    path.write_text(commented, encoding="utf-8")
    (tmp_path / "new.csv").write_text(
        (FIXTURES / "kz-2021-mazhilis-cec.csv").read_text(encoding="utf-8").replace("5 148 074", "5 148 075"),
        encoding="utf-8",
    )

    refused = import_csv(tmp_path, table="new.csv")
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == [
        f"Error: {ELECTION_FILE} already has a different official result set:",
        "  nur-otan: votes 5148074 -> 5148075",
        "Nothing was written; run again with --replace to overwrite it.",
    ]
    assert path.read_text(encoding="utf-8") == commented

    replaced = import_csv(tmp_path, "--replace", table="new.csv")
    assert (replaced.returncode, replaced.stdout) == (
        0,
        f"{ELECTION_FILE}: replaced the official result set (6 rows)\n",
    )
    assert path.read_text(encoding="utf-8") == commented.replace(
        "votes: 5148074\n        percent: 71.09\n        seats: 76  # of 98 contested\n",
        "votes: 5148075\n        percent: 71.09\n        seats: 76\n",
    ), "only the rows changed: comments outside them, key order and quoting are kept"
    assert "# Final figures; the exit poll is above." in path.read_text(encoding="utf-8")


@pytest.mark.repo_data
def test_a_set_that_breaks_the_data_is_not_written(project: Path) -> None:
    (project / "too-many.csv").write_text(
        (FIXTURES / "kz-2021-mazhilis-cec.csv").read_text(encoding="utf-8").replace(";76\n", ";176\n"),
        encoding="utf-8",
    )
    before = (project / ELECTION_FILE).read_bytes()
    result = import_csv(project, table="too-many.csv")
    assert result.returncode == 1
    assert result.stdout.startswith(f"{ELECTION_FILE}:"), result.stdout
    assert "the rows win 207 seats, more than the 107 seats of the election (after the import)" in result.stdout
    assert (project / ELECTION_FILE).read_bytes() == before
    assert not [p for p in (project / "data/elections").iterdir() if p.name.startswith(".")]


@pytest.mark.repo_data
def test_map_file_errors_are_located(project: Path) -> None:
    (project / "map.yaml").write_text(
        "Assembly of the People of Kazakhstan: {option: Assembly}\nNur Otan: nur-otn\nAdal: kz\n", encoding="utf-8"
    )
    result = explainers(
        "import-results", "cec/kz-2021-mazhilis-cec.csv", "--election", ELECTION, "--map", "map.yaml", cwd=project
    )
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "map.yaml:2:11: Nur Otan: unknown party or person 'nur-otn'; did you mean 'nur-otan'?",
        "map.yaml:3:7: Adal: 'kz' is a country, not a party or person",
    ]


def test_unknown_election_and_bad_options(make_project) -> None:
    root = make_project()
    (root / "t.csv").write_text("Party,Votes\nRed Party,1\n", encoding="utf-8")
    result = explainers("import-results", "t.csv", "--election", "ck-2021", cwd=root)
    assert (result.returncode, result.stderr) == (
        1,
        "Error: no election has the id 'ck-2021'; did you mean 'ck-2020'?\n",
    )
    result = explainers("import-results", "t.csv", "--election", "ck-2020", "--source-date", "2020-13", cwd=root)
    assert result.returncode == 2 and "--source-date" in result.stderr
    result = explainers("import-results", "t.csv", "--election", "ck-2020", "--column", "vote=B", cwd=root)
    assert result.returncode == 2 and "ROLE=HEADER" in result.stderr
    (root / "nohead.csv").write_text("Red Party,1\n", encoding="utf-8")
    result = explainers("import-results", "nohead.csv", "--election", "ck-2020", cwd=root)
    assert result.returncode == 1 and result.stdout.startswith("nohead.csv:1:1: no header row found")


def test_a_set_in_an_election_without_results(make_project) -> None:
    root = make_project()
    path = root / "data/elections/ck-2020.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("results:")], encoding="utf-8")
    (root / "t.csv").write_text('Party,Votes,Share\n"Red Party",360,60\nBLUE PARTY,240,"40.0 %"\n', encoding="utf-8")
    result = explainers("import-results", "t.csv", "--election", "ck-2020", "--source-title", "Yes", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert path.read_text(encoding="utf-8") == text[: text.index("results:")] + (
        "results:\n"
        "  - kind: official\n"
        '    source:\n      title: "Yes"\n'  # plain Yes would be read as true
        "    rows:\n"
        "      - party: red\n        votes: 360\n        percent: 60\n"
        "      - party: blue\n        votes: 240\n        percent: 40.0\n"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [("5 148 074", 5148074), ("5\u00a0148\u00a0074", 5148074), ("5,148,074", 5148074), ("5.148.074", 5148074),
     ("76", 76), ("", None), ("—", None), ("7.5", "expected a whole number, got '7.5'"), ("1,23", "expected a whole number, got '1,23'")],
)  # fmt: skip
def test_counts(text: str, expected: object) -> None:
    parsed = parse_count(Cell(text, 1, 1))
    assert (parsed.value if hasattr(parsed, "value") else parsed) == expected


@pytest.mark.parametrize(
    ("value", "number_format", "text"),
    [("71,09", "General", "71.09"), ("9.10 %", "General", "9.10"), (0.091, "0.00%", "9.10"), (9.1, "General", "9.1"),
     (71, "General", "71"), (0.5, "0%", "50")],
)  # fmt: skip
def test_percentages_keep_the_decimals_shown(value: object, number_format: str, text: str) -> None:
    parsed = parse_percent(Cell(value, 1, 1, number_format))
    assert not isinstance(parsed, str) and parsed is not None
    assert parsed.text == text


def test_names_compare_without_case_quotes_or_spacing() -> None:
    assert normalize_name("  «Nur  OTAN» ") == normalize_name('"Nur Otan"') == "nur otan"
    assert normalize_name("People’s Party") == normalize_name("Peoples party")


def test_the_file_keeps_its_own_indentation(make_project) -> None:
    root = make_project()
    path = root / "data/elections/ck-2020.yaml"
    text = path.read_text(encoding="utf-8")
    compact = text[: text.index("results:")] + (
        "results:\n- kind: official\n  rows:\n  - party: red\n    seats: 60\n  - party: blue\n    seats: 40\n"
    )
    path.write_text(compact, encoding="utf-8")
    (root / "t.csv").write_text("Party,%\nRed Party,55.5\nBlue Party,44.5\n", encoding="utf-8")
    result = explainers("import-results", "t.csv", "--election", "ck-2020", "--kind", "exit_poll", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert path.read_text(encoding="utf-8") == compact + (
        "- kind: exit_poll\n  rows:\n  - party: red\n    percent: 55.5\n  - party: blue\n    percent: 44.5\n"
    )


def test_an_empty_results_list_grows_in_block_style(make_project) -> None:
    root = make_project()
    path = root / "data/elections/ck-2020.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("results:")] + "results: []  # none yet\n", encoding="utf-8")
    (root / "t.csv").write_text("Party,Seats\nRed Party,60\n", encoding="utf-8")
    result = explainers("import-results", "t.csv", "--election", "ck-2020", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    written = path.read_text(encoding="utf-8")
    assert written.endswith("\n  - kind: official\n    rows:\n      - party: red\n        seats: 60\n")
    assert re.search(r"^results: +# none yet$", written, flags=re.MULTILINE), "the comment stays on its line"


def test_a_title_line_that_mentions_votes_is_not_the_header(make_project) -> None:
    root = make_project()
    (root / "t.csv").write_text(
        "Final count of votes;;;\n;;;\nParty;Votes;%;Seats\nRed Party;360;60;60\nBlue Party;240;40;40\n",
        encoding="utf-8",
    )
    result = explainers("import-results", "t.csv", "--election", "ck-2020", "--column", "name=A", cwd=root)
    assert (result.returncode, result.stdout) == (
        0,
        "data/elections/ck-2020.yaml: unchanged; its official result set already holds these 2 rows\n",
    )


# ----------------------------------------------------------------------------- election night

NIGHT = Path(__file__).resolve().parent / "fixtures" / "counting-night"
NIGHT_FILE = "data/elections/vl-2024-assembly.yaml"
COMMISSION = ("--source-publisher", "Valdorian Election Commission")
# The second and third updates of the night, as the commission's tables give them.
UPDATES = {
    "step2": ("2024-03-17T23:40:00+06:00", "62.5", "second", [301556, 279491, 87591], ["45.1", "41.8", "13.1"]),
    "step3": ("2024-03-18T02:15:00+06:00", "97.8", "third", [467611, 443496, 137344], ["44.6", "42.3", "13.1"]),
}
PARTIES = ("Harbour Party", "Upland Union", "New Voice")


@pytest.fixture
def night(tmp_path: Path) -> Path:
    """The counting-night site after its first update, with the commission's tables of the later ones."""
    shutil.copytree(NIGHT, tmp_path, dirs_exist_ok=True)
    for step, (_, _, _, votes, percents) in UPDATES.items():
        lines = ["Party,Votes,Percent", *(f"{p},{v},{s}" for p, v, s in zip(PARTIES, votes, percents, strict=True))]
        (tmp_path / f"{step}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def import_update(night: Path, step: str, *extra: str, updated: str | None = None) -> subprocess.CompletedProcess[str]:
    when, reported, nth, _, _ = UPDATES[step]
    return explainers(
        "import-results", f"{step}.csv", "--election", "vl-2024-assembly", "--kind", "preliminary",
        "--updated", updated or when, "--reported", reported, "--basis", "precincts",
        "--source-title", f"Preliminary count, {nth} update", *COMMISSION, *extra, cwd=night,
    )  # fmt: skip


def night_text(night: Path, step: str | None = None) -> str:
    return (night / (f"steps/{step}.yaml" if step else NIGHT_FILE)).read_text(encoding="utf-8")


def test_each_update_of_the_night_is_added_after_the_others(night: Path) -> None:
    result = import_update(night, "step2")
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        f"{NIGHT_FILE}: added an update of the preliminary count (62.5% reported, updated "
        "2024-03-17T23:40:00+06:00, 3 rows); the earlier updates are kept\n",
        "",
    )
    assert night_text(night) == night_text(night, "step2"), "the first update kept, the second after it"
    assert import_update(night, "step3").returncode == 0
    assert night_text(night) == night_text(night, "step3")
    assert sorted(p.name for p in (night / "data/elections").iterdir()) == [
        "vl-2019-assembly.yaml",
        "vl-2024-assembly.yaml",
    ], "no temporary file left beside the election"


def test_the_official_result_after_the_night_keeps_the_history(night: Path) -> None:
    for step in UPDATES:
        assert import_update(night, step).returncode == 0
    table = "Party,Votes,Percent,Seats\nHarbour Party,478130,44.5,27\nUpland Union,455568,42.4,26\nNew Voice,140754,13.1,7\n"
    (night / "official.csv").write_text(table, encoding="utf-8")
    result = explainers(
        "import-results", "official.csv", "--election", "vl-2024-assembly",
        "--source-title", "Final results of the assembly election", *COMMISSION, "--source-date", "2024-03-19",
        cwd=night,
    )  # fmt: skip
    assert (result.returncode, result.stdout) == (0, f"{NIGHT_FILE}: added the official result set (3 rows)\n")
    # The editor then ends the night by hand: status held.
    text = night_text(night)
    assert text.replace("status: counting", "status: held") == night_text(night, "final")


def test_an_update_keeps_the_files_comments_and_layout(night: Path) -> None:
    path = night / NIGHT_FILE
    text = night_text(night).replace("status: counting\n", "status: counting  # until the commission's final word\n")
    text = text.replace("    reported: 12.4\n", "    reported: 12.4   # polls closed at 20:00\n")
    path.write_text(text, encoding="utf-8")
    assert import_update(night, "step2").returncode == 0
    after = night_text(night)
    assert "status: counting  # until the commission's final word\n" in after
    assert "    reported: 12.4   # polls closed at 20:00\n" in after
    assert after.startswith(text.removesuffix("tags: [elections]\n")), "everything before the new set stays as it was"


def test_the_same_update_again_changes_nothing(night: Path) -> None:
    assert import_update(night, "step2").returncode == 0
    path = night / NIGHT_FILE
    before = path.stat().st_mtime_ns
    again = import_update(night, "step2")
    assert (again.returncode, again.stdout) == (
        0,
        f"{NIGHT_FILE}: unchanged; its newest preliminary set already is this update (62.5% reported, updated "
        "2024-03-17T23:40:00+06:00, 3 rows)\n",
    )
    assert path.stat().st_mtime_ns == before


@pytest.mark.parametrize(
    ("updated", "relation"),
    [
        ("2024-03-17T23:00:00+06:00", "is older than"),
        ("2024-03-17T17:40:00Z", "is as old as"),  # the newest's moment, other figures
        ("2024-03-17T21:00:00+06:00", "is older than"),  # older than the first update too
    ],
)
def test_an_update_no_newer_than_the_newest_is_refused(night: Path, updated: str, relation: str) -> None:
    assert import_update(night, "step2").returncode == 0
    before = night_text(night)
    refused = import_update(night, "step3", updated=updated)
    from datetime import datetime  # here, not at the top: this section of the file stays one hunk

    shown = datetime.fromisoformat(updated).isoformat()
    assert refused.returncode == 1
    assert refused.stderr == (
        f"Error: {NIGHT_FILE}: this update ({shown}) {relation} the newest preliminary set "
        "(2024-03-17T23:40:00+06:00); the count's history only grows. Nothing was written.\n"
    )
    assert night_text(night) == before


def test_no_update_after_the_official_result(night: Path) -> None:
    (night / NIGHT_FILE).write_text(night_text(night, "final"), encoding="utf-8")
    refused = import_update(night, "step3", updated="2024-03-19T12:00:00+06:00")
    assert refused.returncode == 1
    assert "the election already has its official result" in refused.stderr
    assert night_text(night) == night_text(night, "final")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--updated", "2024-03-17T23:40:00"), "has no UTC offset"),
        (("--updated", "late"), "'late' is not a date and time"),
        (("--updated", "2024-03-17T23:40:00+06:00", "--reported", "101"), "101 is not a percent from 0 to 100"),
        (("--updated", "2024-03-17T23:40:00+06:00", "--kind", "official"), "--updated is for --kind preliminary"),
        (("--updated", "2024-03-17T23:40:00+06:00", "--kind", "preliminary", "--replace"), "never replaced"),
        (("--reported", "50", "--kind", "preliminary"), "--reported and --basis go with --updated"),
    ],
)
def test_bad_count_options(night: Path, extra: tuple[str, ...], message: str) -> None:
    before = night_text(night)
    result = explainers("import-results", "step2.csv", "--election", "vl-2024-assembly", *extra, cwd=night)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert night_text(night) == before


def test_an_update_after_a_set_without_updated_is_refused(night: Path) -> None:
    path = night / NIGHT_FILE
    path.write_text(night_text(night).replace("    updated: 2024-03-17T22:10:00+06:00\n", ""), encoding="utf-8")
    before = night_text(night)
    refused = import_update(night, "step2")
    assert (refused.returncode, refused.stderr) == (
        1,
        f"Error: {NIGHT_FILE}: the newest preliminary set has no updated, so this update cannot be placed "
        "after it; add updated to it by hand. Nothing was written.\n",
    )
    assert night_text(night) == before


# --- tiers, areas and rounds ------------------------------------------------------------------------


def test_tier_area_and_round_place_the_set(make_project) -> None:
    from test_systems import ELECTION as TIERED_FILE
    from test_systems import TIERED

    root = make_project(TIERED)
    path = root / TIERED_FILE
    before = path.read_text(encoding="utf-8")
    (root / "runoff.csv").write_text("Candidate,Votes,%\nAnn Smith,80,80\n", encoding="utf-8")
    args = ("import-results", "runoff.csv", "--election", "ck-2024", "--tier", "districts", "--area", "north-1")
    result = explainers(*args, "--round", "2", "--date", "2024-05-19", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.endswith("added the official (tier districts, area north-1, round 2) result set (1 rows)\n")
    assert path.read_text(encoding="utf-8") == before + (
        "  - kind: official\n    tier: districts\n    area: north-1\n    round: 2\n    date: 2024-05-19\n"
        "    rows:\n      - person: ann-smith\n        votes: 80\n        percent: 80\n"
    )
    # A region's list vote replaces that region's set only, never the national list set.
    (root / "north.csv").write_text("Party,%\nRed Party,64\nBlue Party,36\n", encoding="utf-8")
    args = ("import-results", "north.csv", "--election", "ck-2024", "--tier", "list", "--area", "north")
    refused = explainers(*args, cwd=root)
    assert (
        refused.returncode == 1
        and "already has a different official (tier list, area north) result set" in refused.stderr
    )
    assert explainers(*args, "--replace", cwd=root).returncode == 0
    text = path.read_text(encoding="utf-8")
    assert "{party: red, votes: 300, percent: 60, seats: 4}" in text  # the national list set is untouched
    assert "turnout: 55.5\n    rows:\n      - party: red\n        percent: 64\n" in text  # the region's own fields stay


def test_unknown_tier_and_area_with_did_you_mean(make_project) -> None:
    from test_systems import TIERED

    root = make_project(TIERED)
    (root / "t.csv").write_text("Party,Votes\nRed Party,1\n", encoding="utf-8")
    result = explainers(
        "import-results", "t.csv", "--election", "ck-2024", "--tier", "lists", "--area", "nort", cwd=root
    )
    assert result.returncode == 2
    assert (
        "--tier: 'lists' is not a tier of ck-2024; did you mean 'list'?; its tiers are list, districts" in result.stderr
    )
    assert "--area: 'nort' is no constituency of ck-2024 nor region of ck; did you mean 'north'" in result.stderr
    result = explainers("import-results", "t.csv", "--election", "ck-2020", "--tier", "list", cwd=root)
    assert result.returncode == 2 and "'list' is not a tier of ck-2020 (it has no tiers)" in result.stderr
    result = explainers("import-results", "t.csv", "--election", "ck-2020", "--round", "0", cwd=root)
    assert result.returncode == 2 and "--round" in result.stderr
