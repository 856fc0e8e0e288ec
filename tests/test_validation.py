"""Validation of real YAML files: every kind of problem, at its exact file, line and column.

Each test writes the minimal valid dataset (``conftest.MINIMAL_DATA``) into
``tmp_path``, breaks one thing and compares the printed problems in full.
Line map of ``data/elections/ck-2020.yaml`` used below::

     1 name            6 seats               11   - kind: official    16         seats: 60
     2 country         7 registered_voters   12     rows:             17       - party: blue
     3 date            8 votes_cast          13       - party: red      18         votes: 240
     4 type            9 turnout             14         votes: 360      19         percent: 40
     5 chamber        10 results:            15         percent: 60     20         seats: 40
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import problems
from election_explainers.core.data.dates import PartialDate, in_period
from election_explainers.core.data.loader import load, load_records
from election_explainers.core.data.models import Party
from election_explainers.core.data.problems import DataError
from election_explainers.core.data.wikilinks import WikiLink, find_links, replace_links

ELECTION = "data/elections/ck-2020.yaml"
FOLDERS = "countries/, parties/, people/, elections/, stories/"
MakeProject = Callable[..., Path]


def change(root: Path, relative: str, old: str, new: str) -> Path:
    """Replace the one occurrence of ``old`` in a file of the project."""
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {relative}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return root


# --- the baseline ---------------------------------------------------------------------------------


def test_minimal_dataset_is_valid(make_project: MakeProject) -> None:
    root = make_project()
    dataset = load(root / "data", root / "docs", root=root)
    assert sorted(dataset.records) == ["ann-smith", "blue", "ck", "ck-2020", "red", "red-wins"]
    assert dataset.records["red"].file == "data/parties/red.yaml"


@pytest.mark.repo_data
def test_example_data_validates_cleanly(repo_root: Path) -> None:
    try:
        dataset = load(repo_root / "data", repo_root / "docs", root=repo_root)
    except DataError as error:
        pytest.fail(str(error))
    assert dataset.countries, "the example data has no country"
    assert dataset.elections, "the example data has no election"


# --- one file's text --------------------------------------------------------------------------------

BOMB = (
    "name: Blue\n"
    "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
    "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(
            "name: Blue\ncountry: [ck\n",
            "3:1: YAML syntax error: did not find expected ',' or ']'",
            id="unclosed-flow-list",
        ),
        pytest.param(
            "name: Blue\n  country: ck\n",
            "2:10: YAML syntax error: mapping values are not allowed in this context",
            id="bad-indent",
        ),
        pytest.param(
            "name: Blue\ncountry: ck\nname: Bleu\n",
            "3:1: duplicate key 'name' (first set on line 1)",
            id="duplicate-key",
        ),
        pytest.param(
            "name: Blue\nleaders:\n  - person: ann-smith\n    role: A\n    role: B\n",
            "5:5: duplicate key 'role' (first set on line 4)",
            id="duplicate-key-nested",
        ),
        pytest.param(
            b"name: Blue\ncountry: ck\nsummary: caf\xe9\n",
            "3:13: the file is not UTF-8 text (byte 0xe9); save it as UTF-8",
            id="latin-1",
        ),
        pytest.param("", "1:1: the file is empty; write the entity's fields in it", id="empty"),
        pytest.param(
            "# only a comment\n", "1:1: the file is empty; write the entity's fields in it", id="comment-only"
        ),
        pytest.param(
            BOMB,
            "1:1: the file expands to more than 200,000 values; are aliases (*name) nested?",
            id="alias-bomb",
        ),
        # libyaml's composer does build a node that contains itself; the problem
        # stands on the anchored node (the alias is the same node object).
        pytest.param("name: Blue\ntags: &t [a, *t]\n", "2:7: this alias refers to itself", id="recursive-alias"),
        pytest.param(
            "base: &b {name: Blue}\n<<: *b\n",
            "2:1: merge keys (<<) are not supported; write the fields out",
            id="merge-key",
        ),
        pytest.param(
            "name: !!binary aGVsbG8=\n",
            "1:7: unsupported YAML tag 'tag:yaml.org,2002:binary'; write a plain value",
            id="yaml-tag",
        ),
        pytest.param(
            "- name: Blue\n",
            "1:1: a party file holds a mapping of fields (name: …), not a single value or list",
            id="top-level-list",
        ),
        pytest.param(
            "name: Blue\nid: blue\n",
            "2:1: id: 'id' is not a field: it comes from the file's name and place",
            id="reserved-id",
        ),
    ],
)
def test_yaml_file_problems(make_project: MakeProject, content: str | bytes, expected: str) -> None:
    root = make_project({"data/parties/blue.yaml": content})
    assert problems(root) == [f"data/parties/blue.yaml:{expected}"]


def test_byte_order_mark_is_allowed(make_project: MakeProject) -> None:
    root = make_project({"data/parties/blue.yaml": b"\xef\xbb\xbfname: Blue\ncolour: red\n"})
    # The mark is no character of the text: 'red' stands at line 2, column 9.
    assert problems(root) == [
        "data/parties/blue.yaml:2:9: colour: text 'red' does not match the form ^#[0-9a-fA-F]{6}$"
    ]


def test_a_broken_file_does_not_make_references_to_it_unknown(make_project: MakeProject) -> None:
    # ck-2020 and red-wins name 'blue'; only the syntax error itself is reported.
    root = make_project({"data/parties/blue.yaml": "name: Blue\ncountry: [ck\n"})
    assert problems(root) == ["data/parties/blue.yaml:3:1: YAML syntax error: did not find expected ',' or ']'"]


# --- layout of data/ --------------------------------------------------------------------------------


def test_file_at_the_top_of_data(make_project: MakeProject) -> None:
    root = make_project({"data/purple.yaml": "name: Purple\n"})
    assert problems(root) == [
        f"data/purple.yaml:1:1: entity files go in a kind folder ({FOLDERS}), not at the top of the data folder"
    ]


def test_file_in_a_folder_that_is_no_kind(make_project: MakeProject) -> None:
    root = make_project({"data/partys/purple.yaml": "name: Purple\n"})
    assert problems(root) == [
        f"data/partys/purple.yaml:1:1: 'partys/' is not a kind folder; did you mean 'parties'? (use {FOLDERS})"
    ]


def test_non_yaml_file_in_a_kind_folder(make_project: MakeProject) -> None:
    root = make_project({"data/parties/notes.txt": "to do\n"})
    assert problems(root) == [
        "data/parties/notes.txt:1:1: only YAML files (.yaml or .yml) and README.md belong in the data folder"
    ]


def test_readme_dot_files_yml_and_sub_folders_are_allowed(make_project: MakeProject) -> None:
    root = make_project(
        {
            "data/README.md": "# Data\n",
            "data/parties/README.md": "# Parties\n",
            "data/.editorconfig": "root = true\n",
            "data/parties/.DS_Store": b"\x00\x01",
            "data/.schema/party.schema.json": "{}\n",
            "data/parties/.drafts/broken.yaml": "name: [\n",
            "data/parties/green.yml": "name: Green\n",
            "data/parties/ck/violet.yaml": "name: Violet\ncountry: ck\n",
        }
    )
    dataset = load(root / "data", root / "docs", root=root)
    assert isinstance(dataset.records["green"], Party)
    assert dataset.records["violet"].file == "data/parties/ck/violet.yaml"
    assert "broken" not in dataset.records


@pytest.mark.parametrize("name", ["Blue_Party", "-blue", "blue.party", "blüe"])
def test_file_name_that_is_no_id(make_project: MakeProject, name: str) -> None:
    root = make_project({f"data/parties/{name}.yaml": "name: Blue\n"})
    assert problems(root) == [
        f"data/parties/{name}.yaml:1:1: the file name '{name}' is not a valid id: use lowercase letters, digits and '-'"
    ]


def test_duplicate_id_across_kinds_and_folders(make_project: MakeProject) -> None:
    root = make_project({"data/people/blue.yaml": "name: Blue Smith\n", "data/parties/ck/red.yml": "name: Red\n"})
    assert problems(root) == [
        "data/parties/ck/red.yml:1:1: the id 'red' is already used by data/parties/red.yaml;"
        " ids are unique across all kinds",
        "data/people/blue.yaml:1:1: the id 'blue' is already used by data/parties/blue.yaml;"
        " ids are unique across all kinds",
    ]


def test_missing_data_folder(tmp_path: Path) -> None:
    assert problems(tmp_path) == ["data:1:1: the data folder does not exist"]


# --- fields of one file -----------------------------------------------------------------------------


def test_unknown_field_did_you_mean(make_project: MakeProject) -> None:
    root = make_project(
        {
            "data/parties/blue.yaml": """
                name: Blue Party
                country: ck
                color: "#0000ff"
                leaders:
                  - person: ann-smith
                    rol: Leader
                zzz: 1
            """
        }
    )
    assert problems(root) == [
        "data/parties/blue.yaml:3:1: color: unknown field 'color'; did you mean 'colour'?",
        "data/parties/blue.yaml:6:5: leaders[0].rol: unknown field 'rol'; did you mean 'role'?",
        "data/parties/blue.yaml:7:1: zzz: unknown field 'zzz'",
    ]


def test_did_you_mean_never_suggests_id_or_file(make_project: MakeProject) -> None:
    root = make_project({"data/parties/blue.yaml": "name: Blue\nids: [b]\nfiles: x\n"})
    assert problems(root) == [
        "data/parties/blue.yaml:2:1: ids: unknown field 'ids'",
        "data/parties/blue.yaml:3:1: files: unknown field 'files'",
    ]


def test_quoted_number_is_a_wrong_type(make_project: MakeProject) -> None:
    root = make_project(
        {
            "data/countries/ck.yaml": """
                name: Cockaigne
                chambers:
                  - id: assembly
                    name: Assembly
                    seats: "76"
            """
        }
    )
    assert problems(root) == ["data/countries/ck.yaml:5:12: chambers[0].seats: expected a whole number, got text '76'"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(
            "name: 12\npopulation: true\n",
            [
                "1:7: name: expected text, got the number 12",
                "2:13: population: expected a whole number, got true",
            ],
            id="number-and-bool",
        ),
        # The Norway problem: YAML 1.1 reads NO as false; strict typing catches it.
        pytest.param("name: Norway\niso_code: NO\n", ["2:11: iso_code: expected text, got false"], id="norway"),
        pytest.param("name: C\npopulation: 1.5e6\n", ["2:13: population: expected a whole number, got text '1.5e6'"]),
        pytest.param("name: C\nchambers: assembly\n", ["2:11: chambers: expected a list, got text 'assembly'"]),
        pytest.param("name: C\npopulation: -5\n", ["2:13: population: must be at least 0"], id="negative"),
    ],
)
def test_wrong_types(make_project: MakeProject, content: str, expected: list[str]) -> None:
    # The country file fails, so the election's chamber is not checked; references to ck still
    # resolve because its file exists.
    root = make_project({"data/countries/ck.yaml": content})
    assert problems(root) == [f"data/countries/ck.yaml:{line}" for line in expected]


def test_quoted_percent_in_an_election(make_project: MakeProject) -> None:
    root = change(make_project(), ELECTION, "turnout: 60", "turnout: '60'")
    assert problems(root) == [f"{ELECTION}:9:10: turnout: expected a number, got text '60'"]


def test_literal_with_did_you_mean(make_project: MakeProject) -> None:
    root = change(make_project(), ELECTION, "type: legislative", "type: legislativ")
    assert problems(root) == [
        f"{ELECTION}:4:7: type: must be 'legislative', 'presidential', 'referendum' or 'local',"
        " got text 'legislativ'; did you mean 'legislative'?"
    ]


def test_missing_required_fields(make_project: MakeProject) -> None:
    root = make_project(
        {
            "data/parties/blue.yaml": "country: ck\nleaders:\n  - role: Leader\n",
            "data/stories/red-wins.yaml": "title: Red wins\ndate: 2020-06-08\n",
        }
    )
    assert problems(root) == [
        "data/parties/blue.yaml:1:1: name: required field is missing",
        "data/parties/blue.yaml:3:5: leaders[0].person: required field is missing",
        "data/stories/red-wins.yaml:1:1: a story needs a 'url' (external article) or a 'body' (published here)",
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2021-13", "'2021-13' has no month 13"),
        ("'2021-13'", "'2021-13' has no month 13"),
        ("2021-02-30", "'2021-02-30' is not a day of the calendar"),
        ('"2021-02-30"', "'2021-02-30' is not a day of the calendar"),
        ("2021-02-29", "'2021-02-29' is not a day of the calendar"),
        ("2021-1-5", "'2021-1-5' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"),
        ("1 March 2021", "'1 March 2021' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2021.5", "must be a date: YYYY, YYYY-MM or YYYY-MM-DD"),
    ],
)
def test_bad_dates(make_project: MakeProject, value: str, message: str) -> None:
    root = make_project({"data/parties/blue.yaml": f"name: Blue\nfounded: {value}\n"})
    assert problems(root) == [f"data/parties/blue.yaml:2:10: founded: {message}"]


def test_partial_dates_quoted_and_unquoted(make_project: MakeProject) -> None:
    root = make_project(
        {
            "data/parties/blue.yaml": """
                name: Blue Party
                founded: 2020
                dissolved: "2022"
                other_names:
                  - name: Blue Alliance
                    start_date: 2021-01
                    end_date: '2021-02'
                  - name: Blue Front
                    start_date: 2020-02-29
            """
        }
    )
    blue = load(root / "data", root / "docs", root=root).records["blue"]
    assert isinstance(blue, Party)
    assert (blue.founded, blue.dissolved) == (PartialDate(2020), PartialDate(2022))
    assert [(o.start_date, o.end_date) for o in blue.other_names] == [
        (PartialDate(2021, 1), PartialDate(2021, 2)),
        (PartialDate(2020, 2, 29), None),
    ]


@pytest.mark.parametrize(
    ("value", "shown"), [("blue", "'blue'"), ('"#00f"', "'#00f'"), ('"#00ff0g"', "'#00ff0g'"), ('"0000ff"', "'0000ff'")]
)
def test_bad_colour(make_project: MakeProject, value: str, shown: str) -> None:
    root = make_project({"data/parties/blue.yaml": f"name: Blue\ncolour: {value}\n"})
    assert problems(root) == [
        f"data/parties/blue.yaml:2:9: colour: text {shown} does not match the form ^#[0-9a-fA-F]{{6}}$"
    ]


def test_non_web_urls(make_project: MakeProject) -> None:
    root = make_project(
        {
            "data/parties/blue.yaml": """
                name: Blue
                sources:
                  - title: Archive
                    url: ftp://example.com/results.csv
                  - title: Fine
                    url: https://example.com/
                  - title: No host
                    url: "http:/example.com"
            """,
            "data/stories/red-wins.yaml": "title: Red wins\ndate: 2020-06-08\nurl: javascript:alert(1)\n",
        }
    )
    suffix = "is not a web address: it must start with http:// or https://"
    assert problems(root) == [
        f"data/parties/blue.yaml:4:10: sources[0].url: 'ftp://example.com/results.csv' {suffix}",
        f"data/parties/blue.yaml:8:10: sources[2].url: 'http:/example.com' {suffix}",
        f"data/stories/red-wins.yaml:3:6: url: 'javascript:alert(1)' {suffix}",
    ]


# --- references and cross-file checks ---------------------------------------------------------------


def test_unknown_references_with_did_you_mean(make_project: MakeProject) -> None:
    root = make_project(
        {
            "data/parties/blue.yaml": """
                name: Blue Party
                country: cx
                leaders:
                  - person: ann-smyth
                predecessor: [red, rde]
                events:
                  - date: 2019
                    title: Founded
                    about: [anne-smith]
            """,
            "data/stories/red-wins.yaml": "title: Red wins\ndate: 2020-06-08\nurl: https://example.com/\nabout: [ck-2020, ck-202]\n",
        }
    )
    assert problems(root) == [
        "data/parties/blue.yaml:2:10: country: unknown country 'cx'",
        "data/parties/blue.yaml:4:13: leaders[0].person: unknown person 'ann-smyth'; did you mean 'ann-smith'?",
        "data/parties/blue.yaml:5:20: predecessor[1]: unknown party 'rde'; did you mean 'red'?",
        "data/parties/blue.yaml:9:13: events[0].about[0]: unknown entity 'anne-smith'; did you mean 'ann-smith'?",
        "data/stories/red-wins.yaml:4:18: about[1]: unknown entity 'ck-202'; did you mean 'ck-2020'?",
    ]


def test_reference_to_the_wrong_kind(make_project: MakeProject) -> None:
    root = make_project({"data/parties/blue.yaml": "name: Blue\ncountry: red\n"})
    change(root, ELECTION, "      - party: blue\n", "      - party: ann-smith\n")
    change(root, "data/people/ann-smith.yaml", "party: red", "party: ck")
    assert problems(root) == [
        f"{ELECTION}:17:16: results[0].rows[1].party: 'ann-smith' is a person, not a party",
        "data/parties/blue.yaml:2:10: country: 'red' is a party, not a country",
        "data/people/ann-smith.yaml:6:12: roles[0].party: 'ck' is a country, not a party",
    ]


def test_unknown_row_party_did_you_mean(make_project: MakeProject) -> None:
    root = change(make_project(), ELECTION, "- party: red\n", "- party: rde\n")
    assert problems(root) == [f"{ELECTION}:13:16: results[0].rows[0].party: unknown party 'rde'; did you mean 'red'?"]


@pytest.mark.parametrize(
    "second_name",
    ["party: blue\n        option: Against all", "person: ann-smith\n        option: Against all", "votes: 240"],
)
def test_row_names_exactly_one_choice(make_project: MakeProject, second_name: str) -> None:
    root = change(make_project(), ELECTION, "- party: blue\n        votes: 240", f"- {second_name}")
    assert problems(root) == [
        f"{ELECTION}:17:9: results[0].rows[1]: a row names exactly one of party, person or option"
        " (a candidate may add party)"
    ]


def test_person_and_party_only_in_a_presidential_row(make_project: MakeProject) -> None:
    root = change(make_project(), ELECTION, "- party: blue\n", "- party: blue\n        person: ann-smith\n")
    assert problems(root) == [
        f"{ELECTION}:17:9: results[0].rows[1]: only a presidential row may name both a person and a party"
    ]
    change(root, ELECTION, "type: legislative", "type: presidential")
    assert problems(root) == []


def test_percentages_may_add_up_to_100_5(make_project: MakeProject) -> None:
    root = change(make_project(), ELECTION, "percent: 40", "percent: 40.5")
    assert problems(root) == []
    change(root, ELECTION, "percent: 40.5", "percent: 40.6")
    assert problems(root) == [f"{ELECTION}:13:7: results[0].rows: the percentages add up to 100.60, more than 100.5"]


def test_percent_above_100_in_a_row(make_project: MakeProject) -> None:
    root = change(make_project(), ELECTION, "percent: 40", "percent: 140")
    assert problems(root) == [f"{ELECTION}:19:18: results[0].rows[1].percent: must be at most 100"]


def test_seats_may_not_exceed_the_election(make_project: MakeProject) -> None:
    root = change(make_project(), ELECTION, "seats: 40", "seats: 41")
    assert problems(root) == [
        f"{ELECTION}:13:7: results[0].rows: the rows win 101 seats, more than the 100 seats of the election"
    ]


def test_turnout_agrees_with_votes_cast(make_project: MakeProject) -> None:
    root = change(make_project(), ELECTION, "turnout: 60", "turnout: 60.5")
    assert problems(root) == []
    change(root, ELECTION, "turnout: 60.5", "turnout: 61")
    assert problems(root) == [
        f"{ELECTION}:9:10: turnout: turnout 61.0% disagrees with votes_cast / registered_voters = 60.00%"
        " (more than 0.5 points apart)"
    ]


def test_chamber_of_another_country(make_project: MakeProject) -> None:
    root = change(make_project(), ELECTION, "chamber: assembly", "chamber: asembly")
    assert problems(root) == [f"{ELECTION}:5:10: chamber: 'asembly' is not a chamber of ck; did you mean 'assembly'?"]


def test_periods_end_after_they_start(make_project: MakeProject) -> None:
    root = make_project(
        {
            "data/parties/blue.yaml": """
                name: Blue Party
                founded: 2010
                dissolved: 2009-12-31
                leaders:
                  - person: ann-smith
                    start_date: 2010-05
                    end_date: 2010-04-30
                  - person: ann-smith
                    start_date: 2010-05-31
                    end_date: 2010-05
                events:
                  - date: 2010-05-03
                    end_date: 2010-05-02
                    title: Congress
            """
        }
    )
    # leaders[1] is fine: a partial end reaches to the end of its month.
    assert problems(root) == [
        "data/parties/blue.yaml:3:12: dissolved: ends (2009-12-31) before it starts (2010)",
        "data/parties/blue.yaml:7:15: leaders[0].end_date: ends (2010-04-30) before it starts (2010-05)",
        "data/parties/blue.yaml:13:15: events[0].end_date: ends (2010-05-02) before it starts (2010-05-03)",
    ]


# --- [[id]] links in Markdown -----------------------------------------------------------------------


def test_unknown_link_in_an_inline_summary(make_project: MakeProject) -> None:
    root = make_project({"data/parties/blue.yaml": "name: Blue\nsummary: See [[rde]] and [[red]].\n"})
    assert problems(root) == ["data/parties/blue.yaml:2:14: summary: unknown id in link 'rde'; did you mean 'red'?"]


def test_unknown_link_in_a_literal_block_points_at_its_own_line(make_project: MakeProject) -> None:
    root = make_project(
        {
            "data/parties/blue.yaml": """
                name: Blue
                summary: |
                  First line about [[red]].
                  Second line with [[bleu|the Blue]] here.
                  Third [[ck]] and [[nobody]].
            """
        }
    )
    assert problems(root) == [
        "data/parties/blue.yaml:4:20: summary: unknown id in link 'bleu'; did you mean 'blue'?",
        "data/parties/blue.yaml:5:20: summary: unknown id in link 'nobody'",
    ]


def test_unknown_links_in_body_and_event_text(make_project: MakeProject) -> None:
    root = make_project(
        {
            "data/stories/red-wins.yaml": """
                title: Red wins
                date: 2020-06-08
                summary: About [[nope]].
                body: |
                  [[nope]] and

                  again [[nope]], also [[ck]].
                events:
                  - date: 2020
                    title: X
                    text: >
                      folded
                      and [[gone]]
            """
        }
    )
    assert problems(root) == [
        "data/stories/red-wins.yaml:3:16: summary: unknown id in link 'nope'",
        "data/stories/red-wins.yaml:5:3: body: unknown id in link 'nope'",
        "data/stories/red-wins.yaml:7:9: body: unknown id in link 'nope'",
        "data/stories/red-wins.yaml:13:11: events[0].text: unknown id in link 'gone'",
    ]


def test_links_in_code_are_ignored(make_project: MakeProject) -> None:
    root = make_project(
        {
            "data/stories/red-wins.yaml": """
                title: Red wins
                date: 2020-06-08
                body: |
                  Write `[[code]]` or ``[[double]]`` to link.

                  ```yaml
                  [[fenced]]
                  ```

                  ~~~~
                  ```
                  [[still-fenced]]
                  ~~~~
                  real [[nope]]
            """
        }
    )
    assert problems(root) == ["data/stories/red-wins.yaml:14:8: body: unknown id in link 'nope'"]


@pytest.mark.parametrize(
    "before",
    ["Write `[[nope]]` to link.\n  ", "```\n  [[nope]]\n  ```\n  "],
    ids=["inline-code", "fence"],
)
def test_link_after_the_same_link_in_code_points_at_the_real_one(make_project: MakeProject, before: str) -> None:
    root = make_project(
        {"data/stories/red-wins.yaml": f"title: Red wins\ndate: 2020-06-08\nbody: |\n  {before}Real [[nope]].\n"}
    )
    line = 4 + before.count("\n")
    assert problems(root) == [f"data/stories/red-wins.yaml:{line}:8: body: unknown id in link 'nope'"]


def test_lone_carriage_returns_do_not_crash(make_project: MakeProject) -> None:
    root = make_project({"data/parties/blue.yaml": "name: Blue\rsummary: see [[nope]]\r"})
    assert problems(root) == ["data/parties/blue.yaml:2:14: summary: unknown id in link 'nope'"]


def test_windows_line_endings_in_data(make_project: MakeProject) -> None:
    root = make_project({"data/parties/blue.yaml": b"name: Blue\r\nsummary: |\r\n  a\r\n  b [[zz]]\r\n"})
    assert problems(root) == ["data/parties/blue.yaml:4:5: summary: unknown id in link 'zz'"]


# --- pages in docs/ ---------------------------------------------------------------------------------


def test_unknown_link_in_a_docs_page_and_code_ignored(make_project: MakeProject) -> None:
    root = make_project(
        {
            "docs/index.md": """
                # Home

                See [[blu]] and `[[code]]`.

                ```
                [[fenced]]
                ```
            """,
            "docs/guide/linking.md": "# Linking\n\n* [[ck]]\n* [[ck-2021|2021]]\n",
            "docs/.drafts/x.md": "[[hidden]]\n",
        }
    )
    assert problems(root) == [
        "docs/guide/linking.md:4:3: unknown id in link 'ck-2021'; did you mean 'ck-2020'?",
        "docs/index.md:3:5: unknown id in link 'blu'; did you mean 'blue'?",
    ]


def test_docs_front_matter(make_project: MakeProject) -> None:
    root = make_project(
        {
            "docs/analysis.md": """
                ---
                title: Analysis
                about: [red, bleu]
                date: 2020-13
                ---
                # Analysis

                Text [[nix]].
            """,
            "docs/scalar.md": "---\nabout: bleu\n---\n# Scalar\n",
            "docs/broken.md": "---\nabout: [red\n---\n# Broken\n",
        }
    )
    assert problems(root) == [
        "docs/analysis.md:3:14: about[1]: unknown entity 'bleu'; did you mean 'blue'?",
        "docs/analysis.md:4:7: date: '2020-13' has no month 13",
        "docs/analysis.md:8:6: unknown id in link 'nix'",
        "docs/broken.md:3:1: YAML syntax error: did not find expected ',' or ']'",
        "docs/scalar.md:2:8: about[0]: unknown entity 'bleu'; did you mean 'blue'?",
    ]


def test_docs_front_matter_makes_a_page(make_project: MakeProject) -> None:
    root = make_project({"docs/analysis.md": "---\nabout: [red]\ndate: 2020-06\n---\n# What happened\n"})
    dataset = load(root / "data", root / "docs", root=root)
    [page] = dataset.pages
    assert (page.src, page.title, page.date, page.about) == (
        "analysis.md",
        "What happened",
        PartialDate(2020, 6),
        ("red",),
    )


def test_docs_front_matter_with_windows_line_endings(make_project: MakeProject) -> None:
    root = make_project({"docs/analysis.md": b"---\r\nabout: [bleu]\r\n---\r\n# Analysis\r\n"})
    assert problems(root) == ["docs/analysis.md:2:9: about[0]: unknown entity 'bleu'; did you mean 'blue'?"]


# --- every problem at once --------------------------------------------------------------------------


def test_every_problem_at_once_sorted_by_file_then_line(make_project: MakeProject) -> None:
    root = make_project(
        {
            # pydantic reports 'founded' before 'colour' (declaration order), the file the other way round.
            "data/parties/blue.yaml": "name: Blue Party\ncolour: blue\ncountry: ck\nfounded: 2021-13\n",
            "data/stories/red-wins.yaml": "title: Red wins\ndate: 2020-06-08\nbody: The [[rde]] won.\n",
        }
    )
    change(root, ELECTION, "turnout: 60", "turnout: 70")
    change(root, ELECTION, "chamber: assembly", "chamber: senate")
    assert problems(root) == [
        f"{ELECTION}:5:10: chamber: 'senate' is not a chamber of ck",
        f"{ELECTION}:9:10: turnout: turnout 70.0% disagrees with votes_cast / registered_voters = 60.00%"
        " (more than 0.5 points apart)",
        "data/parties/blue.yaml:2:9: colour: text 'blue' does not match the form ^#[0-9a-fA-F]{6}$",
        "data/parties/blue.yaml:4:10: founded: '2021-13' has no month 13",
        "data/stories/red-wins.yaml:3:11: body: unknown id in link 'rde'; did you mean 'red'?",
    ]


def test_data_error_message_lists_every_problem(make_project: MakeProject) -> None:
    root = make_project({"data/parties/blue.yaml": "name: Blue\ncountry: cx\n"})
    with pytest.raises(DataError) as caught:
        load(root / "data", root / "docs", root=root)
    assert str(caught.value) == (
        "1 problem in the election data:\ndata/parties/blue.yaml:2:10: country: unknown country 'cx'"
    )


def test_schema_error_does_not_hide_other_problems_of_the_same_file(make_project: MakeProject) -> None:
    root = make_project({"data/parties/blue.yaml": "name: Blue\ncountry: cx\ncolor: '#0000ff'\n"})
    assert problems(root) == [
        "data/parties/blue.yaml:2:10: country: unknown country 'cx'",
        "data/parties/blue.yaml:3:1: color: unknown field 'color'; did you mean 'colour'?",
    ]


def test_load_records_collects_without_cross_checks(make_project: MakeProject) -> None:
    root = make_project({"data/parties/blue.yaml": "name: Blue\ncountry: cx\n", "data/parties/Bad.yaml": "x: 1\n"})
    loaded = load_records(root / "data", root)
    assert "blue" in loaded.records
    assert "Bad" not in loaded.kinds
    assert [str(p) for p in loaded.problems] == [
        "data/parties/Bad.yaml:1:1: the file name 'Bad' is not a valid id: use lowercase letters, digits and '-'"
    ]


# --- PartialDate ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021", PartialDate(2021)),
        (2021, PartialDate(2021)),
        ("2021-01", PartialDate(2021, 1)),
        ("2021-01-10", PartialDate(2021, 1, 10)),
        (" 2021-01-10 ", PartialDate(2021, 1, 10)),
        (dt.date(2021, 1, 10), PartialDate(2021, 1, 10)),
        ("2020-02-29", PartialDate(2020, 2, 29)),
        ("0999", PartialDate(999)),
    ],
)
def test_partial_date_parse(value: object, expected: PartialDate) -> None:
    assert PartialDate.parse(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2021-00", "'2021-00' has no month 0"),
        ("2021-12-32", "'2021-12-32' is not a day of the calendar"),
        ("2021-04-00", "'2021-04-00' is not a day of the calendar"),
        ("21", "'21' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2021/01/10", "'2021/01/10' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"),
        (True, "must be a date: YYYY, YYYY-MM or YYYY-MM-DD"),
        (2021.0, "must be a date: YYYY, YYYY-MM or YYYY-MM-DD"),
        (None, "must be a date: YYYY, YYYY-MM or YYYY-MM-DD"),
    ],
)
def test_partial_date_rejects(value: object, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        PartialDate.parse(value)
    assert str(caught.value) == message


def test_partial_date_ordering() -> None:
    dates = ["2022", "2021-01-02", "2021-02", "2021-01", "2021-01-01", "2021", "2020-12-31"]
    assert [d.iso() for d in sorted(map(PartialDate.parse, dates))] == [
        "2020-12-31",
        "2021",
        "2021-01",
        "2021-01-01",
        "2021-01-02",
        "2021-02",
        "2022",
    ]
    assert PartialDate(2021) < PartialDate(2021, 1) < PartialDate(2021, 1, 1)
    assert PartialDate(2021, 1) <= PartialDate(2021, 1)
    assert PartialDate(2021) != PartialDate(2021, 1)
    assert PartialDate(2021, 12, 31) > PartialDate(2021, 12)


def test_partial_date_forms() -> None:
    assert [PartialDate.parse(v).human() for v in ("2021-01-10", "2021-01", "2021")] == [
        "10 January 2021",
        "January 2021",
        "2021",
    ]
    assert [PartialDate.parse(v).iso() for v in ("2021-01-05", "2021-09", "2021")] == ["2021-01-05", "2021-09", "2021"]
    assert PartialDate(999).iso() == "0999"
    assert str(PartialDate(2021, 3)) == "2021-03"
    assert [PartialDate.parse(v).precision for v in ("2021-01-10", "2021-01", "2021")] == ["day", "month", "year"]


def test_partial_date_range() -> None:
    feb = PartialDate(2020, 2)
    assert (feb.first_day(), feb.last_day()) == (dt.date(2020, 2, 1), dt.date(2020, 2, 29))
    assert PartialDate(2021).last_day() == dt.date(2021, 12, 31)
    assert feb.contains(dt.date(2020, 2, 29))
    assert not feb.contains(dt.date(2020, 3, 1))
    assert in_period(dt.date(2021, 5, 31), PartialDate(2021, 5), PartialDate(2021, 5))
    assert not in_period(dt.date(2021, 6, 1), None, PartialDate(2021, 5))
    assert not in_period(dt.date(2021, 4, 30), PartialDate(2021, 5), None)
    assert in_period(dt.date(1900, 1, 1), None, None)


# --- wikilinks --------------------------------------------------------------------------------------


def where(link: WikiLink) -> tuple[str, str | None, int, int, int, int]:
    return (link.target, link.text, link.line, link.column, link.start, link.end)


def test_find_links_positions() -> None:
    text = "See [[a]] and\n[[b-2| the B ]] [[ c ]]"
    assert [where(link) for link in find_links(text)] == [
        ("a", None, 0, 4, 4, 9),
        ("b-2", "the B", 1, 0, 14, 29),
        ("c", None, 1, 16, 30, 37),
    ]
    assert text[14:29] == "[[b-2| the B ]]"


def test_find_links_skips_code_and_non_links() -> None:
    text = (
        "`[[in-code]]` and ``x [[in-double]] x`` but [[out]]\n"
        "```\n[[fenced]]\n```\n"
        "````\n```\n[[longer-fence]]\n````\n"
        "~~~\n[[tilde]]\n~~~\n"
        "[[not\nlink]] [[]] [x] [[a|b|c]] [[last]]"
    )
    # '[[a|b|c]]' is a link to 'a' with the text 'b|c'.
    assert [(link.target, link.text) for link in find_links(text)] == [("out", None), ("a", "b|c"), ("last", None)]


def test_find_links_unclosed_fence_hides_the_rest() -> None:
    assert [link.target for link in find_links("[[a]]\n```\n[[b]]\n")] == ["a"]


def test_replace_links() -> None:
    text = "The [[red]] beat [[blue|the Blues]]; `[[red]]` is code.\n```\n[[red]]\n```\n"
    rendered = replace_links(text, lambda link: f"<{link.target}:{link.text or link.target.upper()}>")
    assert rendered == "The <red:RED> beat <blue:the Blues>; `[[red]]` is code.\n```\n[[red]]\n```\n"
    assert replace_links("no links", lambda link: "x") == "no links"


def test_loaded_records_share_their_sets_of_given_fields_and_stay_whole() -> None:
    """Pydantic gives each model a set of the fields its file gave; loading shares one per combination."""
    import copy
    import pickle

    from conftest import REPO_ROOT

    dataset = load(REPO_ROOT / "data")
    stories = [record for record in dataset.records.values() if record.kind == "story"]
    by_fields: dict[frozenset[str], list[object]] = {}
    for story in stories:
        by_fields.setdefault(frozenset(story.model_fields_set), []).append(story.model_fields_set)
    assert any(len(sets) > 1 for sets in by_fields.values())
    for sets in by_fields.values():
        assert all(fields is sets[0] for fields in sets)  # one object, not a copy each
    sources = [source for story in stories for source in story.sources]
    assert len(sources) > len({id(source.model_fields_set) for source in sources})
    for record in dataset.records.values():
        assert pickle.loads(pickle.dumps(record)) == record
        assert copy.deepcopy(record) == record
    story = stories[0]
    assert set(story.model_dump(exclude_unset=True)) == story.model_fields_set
    copied = story.model_copy(update={"title": "Another"})
    assert "title" in copied.model_fields_set and copied.model_fields_set is not story.model_fields_set
