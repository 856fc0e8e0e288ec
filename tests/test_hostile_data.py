"""Hostile and absurd input: everything ``load()`` accepts must build, everything else is a located problem.

The corpus is a table: files written over the minimal valid dataset
(``conftest.MINIMAL_DATA``) and every problem ``load()`` must report for
them, in full. Each class of case stands for more of its kind: a number out
of range, a special file, a broken link. Cases that need the file system
(pipes, links, sizes) or timing follow the table.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import problems
from election_explainers.core.data import files as files_module
from election_explainers.core.data.loader import LoadCache, load
from election_explainers.core.data.pages import MAX_PAGE_BYTES
from election_explainers.core.data.parse_files import MAX_DATA_BYTES
from election_explainers.core.data.problems import DataError
from election_explainers.core.data.slugs import section_slug
from election_explainers.core.data.wikilinks import find_broken_links, find_links

MakeProject = Callable[..., Path]
BLUE = "data/parties/blue.yaml"
CK = "data/countries/ck.yaml"
ELECTION = "data/elections/ck-2020.yaml"
STORY = "data/stories/red-wins.yaml"
STORY_HEAD = "title: Red wins\ndate: 2020-06-08\nurl: https://example.com/\n"  # 3 lines
NOT_A_DATE = "is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"
ONLY_REGULAR = "not a regular file; only regular files are read"


def election(**fields: object) -> str:
    """The minimal election with some top-level fields replaced (each on its own line, in place)."""
    lines = [
        "name: 2020 Cockaigne election",
        "country: ck",
        "date: 2020-06-07",
        "type: legislative",
        "chamber: assembly",
        "seats: 100",
        "registered_voters: 1000",
        "votes_cast: 600",
        "turnout: 60",
    ]
    keys = [line.split(":")[0] for line in lines]
    for key, value in fields.items():
        line = f"{key}: {value}"
        if key in keys:
            lines[keys.index(key)] = line
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def row(**fields: object) -> str:
    """An election with one official result row (the row's fields start on line 13)."""
    body = "".join(f"\n        {key}: {value}" for key, value in fields.items())
    return election() + "results:\n  - kind: official\n    rows:\n      - party: red" + body + "\n"


def case(changes: dict[str, str | bytes], expected: list[str], name: str) -> object:
    return pytest.param(changes, expected, id=name)


CASES = [
    # --- 1. valid-looking data that crashed later: dates ------------------------------------------
    case(
        {BLUE: 'name: Blue\nfounded: "0000"\n'},
        [f"{BLUE}:2:10: founded: '0000' has no year 0: years run from 0001 to 9999"],
        "year-0000-quoted",
    ),
    case(
        {BLUE: "name: Blue\nfounded: 0000-06-01\n"},
        [f"{BLUE}:2:10: founded: '0000-06-01' has no year 0: years run from 0001 to 9999"],
        "year-0000-full-date",
    ),
    case({BLUE: "name: Blue\nfounded: 0\n"}, [f"{BLUE}:2:10: founded: '0' {NOT_A_DATE}"], "year-0-number"),
    case(
        {BLUE: 'name: Blue\nfounded: "２０２１"\n'},
        [f"{BLUE}:2:10: founded: '２０２１' {NOT_A_DATE}"],
        "full-width-digits",
    ),
    case(
        {BLUE: 'name: Blue\nfounded: "٢٠٢١-٠١"\n'},
        [f"{BLUE}:2:10: founded: '٢٠٢١-٠١' {NOT_A_DATE}"],
        "arabic-indic-digits",
    ),
    case({BLUE: 'name: Blue\nfounded: "2021-1٠"\n'}, [f"{BLUE}:2:10: founded: '2021-1٠' {NOT_A_DATE}"], "mixed-digits"),
    # --- numbers Python or the renderer cannot cope with ----------------------------------------------
    case(
        {CK: "name: C\npopulation: " + "1" * 5000 + "\n"},
        [f"{CK}:2:13: a number of 5,000 characters is too long for any field; quote it if it is text"],
        "5000-digit-integer",
    ),
    case(
        {CK: "name: C\npopulation: 0x" + "f" * 20_000 + "\n"},
        [f"{CK}:2:13: a number of 20,002 characters is too long for any field; quote it if it is text"],
        "huge-hex-integer",
    ),
    case(
        {CK: "name: " + "9" * 60 + "\n"},
        [f"{CK}:1:7: name: expected text, got a number of 60 digits"],
        "long-number-described-short",
    ),
    case({ELECTION: election(seats=20_000_000)}, [f"{ELECTION}:6:8: seats: must be at most 10,000"], "seats"),
    case(
        {ELECTION: election(seats_contested=10_001)},
        [f"{ELECTION}:10:18: seats_contested: must be at most 10,000"],
        "seats-contested",
    ),
    case(
        {CK: "name: C\nchambers:\n  - id: assembly\n    name: A\n    seats: 10001\n"},
        [f"{CK}:5:12: chambers[0].seats: must be at most 10,000"],
        "chamber-seats",
    ),
    case(
        {ELECTION: row(seats=10_001)},
        [f"{ELECTION}:14:16: results[0].rows[0].seats: must be at most 10,000"],
        "row-seats",
    ),
    case(
        {ELECTION: row(votes=10_000_000_001)},
        [f"{ELECTION}:14:16: results[0].rows[0].votes: must be at most 10,000,000,000"],
        "row-votes",
    ),
    case(
        {ELECTION: election(registered_voters=10**11)},
        [f"{ELECTION}:7:20: registered_voters: must be at most 10,000,000,000"],
        "registered-voters",
    ),
    case(
        {ELECTION: election(votes_cast=10**11)},
        [f"{ELECTION}:8:13: votes_cast: must be at most 10,000,000,000"],
        "votes-cast",
    ),
    case(
        {CK: "name: C\npopulation: 99999999999\n"},
        [f"{CK}:2:13: population: must be at most 10,000,000,000"],
        "population",
    ),
    case({ELECTION: election(threshold=101)}, [f"{ELECTION}:10:12: threshold: must be at most 100"], "threshold-high"),
    case(
        {ELECTION: election(threshold=-1)}, [f"{ELECTION}:10:12: threshold: must be at least 0"], "threshold-negative"
    ),
    case(
        {ELECTION: row(percent=".nan")},
        [f"{ELECTION}:14:18: results[0].rows[0].percent: expected a number, got .nan"],
        "nan",
    ),
    case({ELECTION: election(turnout=".inf")}, [f"{ELECTION}:9:10: turnout: expected a number, got .inf"], "inf"),
    case(
        {ELECTION: election(threshold="-.Inf")},
        [f"{ELECTION}:10:12: threshold: expected a number, got -.inf"],
        "minus-inf",
    ),
    case(
        {ELECTION: election(turnout="1.0e+400")},
        [f"{ELECTION}:9:10: turnout: expected a number, got .inf"],
        "float-overflows-to-inf",
    ),
    # --- structure Python's recursion cannot follow ---------------------------------------------------
    # The file's mapping is the first level: the 100th list is one too many.
    case(
        {BLUE: "name: Blue\ntags: " + "[" * 150 + "]" * 150 + "\n"},
        [f"{BLUE}:2:{6 + 100}: lists and mappings are nested more than 100 levels deep here"],
        "deep-nesting",
    ),
    case(
        {BLUE: "name: Blue\ntags: " + "{a: " * 990 + "1" + "}" * 990 + "\n"},
        [f"{BLUE}:2:{7 + 4 * 99}: lists and mappings are nested more than 100 levels deep here"],
        "deep-mappings-under-libyaml-limit",
    ),
    # --- 2. ids: '$' matches before a final newline ---------------------------------------------------
    case(
        {"data/parties/evil\n.yaml": "name: Evil\n"},
        [
            "data/parties/evil\\n.yaml:1:1: the file name 'evil\\n' is not a valid id:"
            " use lowercase letters, digits and '-'"
        ],
        "file-name-with-newline",
    ),
    case(
        {BLUE: 'name: Blue\ncountry: "ck\\n"\n'},
        [
            f"{BLUE}:2:10: country: 'ck\\n' is not an id: use lowercase letters, digits and '-',"
            " starting with a letter or digit"
        ],
        "id-field-with-newline",
    ),
    case(
        {CK: 'name: C\nchambers:\n  - id: "assembly\\n"\n    name: A\n'},
        [
            f"{CK}:3:9: chambers[0].id: 'assembly\\n' is not an id: use lowercase letters, digits and '-',"
            " starting with a letter or digit"
        ],
        "chamber-id-with-newline",
    ),
    case(
        {"docs/page.md": '---\nabout: ["red\\n"]\n---\n# Page\n'},
        ["docs/page.md:2:9: about[0]: unknown entity 'red\\n'; did you mean 'red'?"],
        "front-matter-id-with-newline",
    ),
    # --- 3. parties that come before themselves -------------------------------------------------------
    case(
        {BLUE: "name: Blue\npredecessor: [red, blue]\n"},
        [f"{BLUE}:2:20: predecessor[1]: a party cannot be its own predecessor"],
        "own-predecessor",
    ),
    case(
        {BLUE: "name: Blue\nsuccessor: blue\n"},
        [f"{BLUE}:2:12: successor[0]: a party cannot be its own successor"],
        "own-successor",
    ),
    case(
        {BLUE: "name: Blue\npredecessor: [red]\n", "data/parties/red.yaml": "name: Red\npredecessor: [blue]\n"},
        [
            f"{BLUE}:2:15: predecessor[0]: predecessor and successor links go round in a circle"
            " (blue came after red came after blue); no party can come before itself"
        ],
        "predecessor-circle",
    ),
    case(
        {BLUE: "name: Blue\nsuccessor: [red]\n", "data/parties/red.yaml": "name: Red\nsuccessor: [blue]\n"},
        [
            f"{BLUE}:2:13: successor[0]: predecessor and successor links go round in a circle"
            " (blue came after red came after blue); no party can come before itself"
        ],
        "successor-circle",
    ),
    case(
        {
            BLUE: "name: Blue\n",
            "data/parties/red.yaml": "name: Red\nsuccessor: [green]\n",
            "data/parties/green.yaml": "name: Green\nsuccessor: [red]\n",
            "data/parties/a.yaml": "name: A\npredecessor: [c]\n",
            "data/parties/b.yaml": "name: B\npredecessor: [a]\n",
            "data/parties/c.yaml": "name: C\npredecessor: [b]\n",
        },
        [
            "data/parties/a.yaml:2:15: predecessor[0]: predecessor and successor links go round in a circle"
            " (a came after c came after b came after a); no party can come before itself",
            "data/parties/green.yaml:2:13: successor[0]: predecessor and successor links go round in a circle"
            " (green came after red came after green); no party can come before itself",
        ],
        "two-circles-each-once",
    ),
    case(
        {BLUE: "name: Blue\npredecessor: [red]\nsuccessor: [red]\n"},
        [
            f"{BLUE}:2:15: predecessor[0]: predecessor and successor links go round in a circle"
            " (blue came after red came after blue); no party can come before itself"
        ],
        "before-and-after-the-same-party",
    ),
    case(
        {BLUE: "name: Blue\npredecessor: [red]\n", "data/parties/red.yaml": "name: Red\nsuccessor: [blue]\n"},
        [],
        "both-sides-of-one-link-agree",
    ),
    case({BLUE: "name: Blue\nsuccessor: [red]\n"}, [], "one-sided-successor-is-fine"),
    # --- 4. links with an empty part ------------------------------------------------------------------
    case(
        {BLUE: "name: Blue\nsummary: See [[|x]], [[ck|]], [[ck#]] and [[ ]].\n"},
        [
            f"{BLUE}:2:14: summary: empty link target in [[|x]]",
            f"{BLUE}:2:22: summary: empty link text in [[ck|]]",
            f"{BLUE}:2:31: summary: empty section in [[ck#]]",
            f"{BLUE}:2:43: summary: empty link target in [[ ]]",
        ],
        "empty-link-parts",
    ),
    case(
        {BLUE: "name: Blue\nsummary: |\n  [[]] and [[ck| ]] and [[ck# |x]]\n  `[[|in code]]`\n"},
        [
            f"{BLUE}:3:3: summary: empty link target in [[]]",
            f"{BLUE}:3:12: summary: empty link text in [[ck| ]]",
            f"{BLUE}:3:25: summary: empty section in [[ck# |x]]",
        ],
        "empty-parts-in-a-block-and-code-ignored",
    ),
    case(
        {"docs/index.md": "# Home\n\n![[|x]]\n\n![[ck#]]\n\n[[ck|]]\n"},
        [
            "docs/index.md:3:1: empty embed target in ![[|x]]",
            "docs/index.md:5:1: empty component in ![[ck#]]",
            "docs/index.md:7:1: empty link text in [[ck|]]",
        ],
        "empty-parts-in-a-page",
    ),
    # --- 5. docs front matter -------------------------------------------------------------------------
    case(
        {"docs/list.md": "---\n- about\n- red\n---\n# List\n"},
        ["docs/list.md:2:1: front matter must be a mapping of fields (title: …), not a list or single value"],
        "front-matter-list",
    ),
    case(
        {"docs/scalar.md": "---\njust text\n---\n# Scalar\n"},
        ["docs/scalar.md:2:1: front matter must be a mapping of fields (title: …), not a list or single value"],
        "front-matter-scalar",
    ),
    case({"docs/comment.md": "---\n# a draft\n---\n# Comment\n"}, [], "front-matter-only-a-comment"),
    case(
        {"docs/fields.md": ("---\ntitle: [a]\nsummary: 3\nsection: true\nbyline: {a: 1}\ntags: x\n---\n# Fields\n")},
        [
            "docs/fields.md:2:8: title: expected text, got a list",
            "docs/fields.md:3:10: summary: expected text, got a number",
            "docs/fields.md:4:10: section: expected text, got true",
            "docs/fields.md:5:9: byline: expected text, got a mapping",
        ],
        "front-matter-types-checked-without-about",
    ),
    case(
        {"docs/tags.md": "---\ndate: 2020\ntags: [a, [b]]\ndate_extra: 1\n---\n# Tags\n"},
        ["docs/tags.md:3:7: tags: expected a list of tags"],
        "front-matter-tags",
    ),
    case(
        {"docs/old.md": '---\ndate: "0000"\n---\n# Old\n'},
        ["docs/old.md:2:7: date: '0000' has no year 0: years run from 0001 to 9999"],
        "front-matter-year-0",
    ),
    # --- 6. story sections sharing an address ---------------------------------------------------------
    case(
        {
            "data/stories/a.yaml": STORY_HEAD + "section: Asia Pacific\n",
            "data/stories/b.yaml": STORY_HEAD + "section: asia-pacific\n",
            "data/stories/c.yaml": STORY_HEAD + "section: Asia Pacific\n",
        },
        [
            "data/stories/b.yaml:4:10: section: section 'asia-pacific' has the same address as 'Asia Pacific'"
            " in data/stories/a.yaml; write it the same way"
        ],
        "section-spellings",
    ),
    case(
        {
            "data/stories/a.yaml": STORY_HEAD + "section: World\n",
            "docs/analysis.md": "---\ndate: 2020\nsection: WORLD\n---\n# Analysis\n",
            "docs/no-data.md": "---\nsection: world!\n---\n# Not in any section: no about or date\n",
        },
        [
            "docs/analysis.md:3:10: section: section 'WORLD' has the same address as 'World'"
            " in data/stories/a.yaml; write it the same way"
        ],
        "section-spelling-in-a-page",
    ),
    case(
        {"data/stories/a.yaml": STORY_HEAD + "section: '!!!'\n"},
        ["data/stories/a.yaml:4:10: section: section '!!!' has no letter or digit to make its address from"],
        "section-without-letters",
    ),
    case(
        {
            "data/stories/a.yaml": STORY_HEAD + "section: Политика\n",
            "data/stories/b.yaml": STORY_HEAD + "section: Экономика\n",
        },
        [],
        "sections-in-another-script",
    ),
    # --- 7. the file system: what never needs a real special file ---------------------------------------
    case(
        {BLUE: "name: Blue\n", "data/parties/big.yaml": "name: Big\nsummary: " + "x" * MAX_DATA_BYTES + "\n"},
        ["data/parties/big.yaml:1:1: the file is larger than 2 MiB; split it up (nothing past 2 MiB was read)"],
        "data-file-over-2-mib",
    ),
    case(
        {"docs/big.md": "# Big\n\n" + "x" * MAX_PAGE_BYTES},
        ["docs/big.md:1:1: the file is larger than 5 MiB; split it up (nothing past 5 MiB was read)"],
        "page-over-5-mib",
    ),
]


@pytest.mark.parametrize(("changes", "expected"), CASES)
def test_corpus(make_project: MakeProject, changes: dict[str, str | bytes], expected: list[str]) -> None:
    assert problems(make_project(changes)) == expected


# --- 7. the file system ---------------------------------------------------------------------------------

LINK_PROBLEMS = {
    "dangling": "this link points to nothing (its target does not exist)",
    "loop": "this link leads round in a loop of links; point it at a file",
    "outside": "this is a link to a file outside the data folder; only files inside it are read",
    "device": "this is a link to a device outside the data folder; only files inside it are read",
    "outside-folder": "this is a link to a folder outside the data folder; only files inside it are read",
    "inside-folder": "this is a link to a folder; use a real folder (linked folders are not read)",
}


def test_special_files_are_problems_and_never_opened(make_project: MakeProject, tmp_path: Path) -> None:
    root = make_project()
    parties = root / "data" / "parties"
    os.mkfifo(parties / "pipe.yaml")
    os.mkfifo(root / "docs" / "pipe.md")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(parties / "sock.yaml"))
        started = time.perf_counter()
        found = problems(root)
    assert time.perf_counter() - started < 30, "a pipe was opened and waited on"
    assert found == [
        f"data/parties/pipe.yaml:1:1: this is a named pipe, {ONLY_REGULAR}",
        f"data/parties/sock.yaml:1:1: this is a socket, {ONLY_REGULAR}",
        f"docs/pipe.md:1:1: this is a named pipe, {ONLY_REGULAR}",
    ]


def test_links(make_project: MakeProject, tmp_path: Path) -> None:
    root = make_project()
    parties = root / "data" / "parties"
    outside = tmp_path / "secret.yaml"
    outside.write_text("name: Secret\n", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "hidden.yaml").write_text("name: Hidden\n", encoding="utf-8")
    (parties / "dangling.yaml").symlink_to(parties / "nothing.yaml")
    (parties / "loop.yaml").symlink_to(parties / "loop.yaml")
    (parties / "outside.yaml").symlink_to(outside)
    (parties / "device.yaml").symlink_to("/dev/zero")
    (parties / "outside-folder").symlink_to(tmp_path / "elsewhere")
    (parties / "inside-folder").symlink_to(root / "data" / "people")
    (parties / "alias.yaml").symlink_to(parties / "blue.yaml")  # inside and a regular file: read
    (root / "docs" / "outside.md").symlink_to(outside)
    (root / "docs" / "inside.md").symlink_to(root / "docs" / "index.md")
    expected = [
        f"data/parties/{name}{'' if 'folder' in name else '.yaml'}:1:1: {why}" for name, why in LINK_PROBLEMS.items()
    ]
    expected.append("docs/outside.md:1:1: " + LINK_PROBLEMS["outside"].replace("data folder", "docs folder"))
    assert problems(root) == sorted(expected)
    for name in LINK_PROBLEMS:
        (parties / (name if "folder" in name else f"{name}.yaml")).unlink()
    (root / "docs" / "outside.md").unlink()
    dataset = load(root / "data", root / "docs", root=root)
    assert dataset.records["alias"].name == "Blue Party"  # type: ignore[attr-defined]
    assert "hidden" not in dataset.records and "secret" not in dataset.records


def test_a_linked_data_folder_is_read(make_project: MakeProject, tmp_path: Path) -> None:
    # The data folder itself may be a link (a checkout elsewhere); what is inside it is what counts.
    root = make_project()
    (root / "data").rename(root / "real-data")
    (root / "data").symlink_to(root / "real-data")
    assert sorted(load(root / "data", root / "docs", root=root).records) == [
        "ann-smith",
        "blue",
        "ck",
        "ck-2020",
        "red",
        "red-wins",
    ]


def test_unreadable_files_and_folders(make_project: MakeProject, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests may run as root, who reads anything: refuse the reads instead of relying on chmod.
    root = make_project({"data/people/secret/x.yaml": "name: X\n"})
    real_open, real_scandir = os.open, os.scandir

    def refusing_open(path: str, *args: object, **kwargs: object) -> int:
        if str(path).endswith(("blue.yaml", "index.md")):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    def refusing_scandir(path: object = ".") -> object:
        if str(path).endswith("secret"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(files_module.os, "open", refusing_open)
    monkeypatch.setattr(os, "scandir", refusing_scandir)
    assert problems(root) == [
        f"{BLUE}:1:1: the file cannot be read: permission denied",
        "data/people/secret:1:1: the folder cannot be read: permission denied",
        "docs/index.md:1:1: the file cannot be read: permission denied",
    ]


def test_a_file_that_grows_after_it_was_checked_is_read_only_up_to_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"x" * 100)
    assert files_module.read_capped(str(path), 100) == (b"x" * 100, None)
    path.write_bytes(b"x" * 101)
    assert files_module.read_capped(str(path), 100) == (
        None,
        "the file is larger than 100 bytes; split it up (nothing past 100 bytes was read)",
    )


# --- 4. finding links in long text, in linear time ----------------------------------------------------------


def _long_markdown(links: int, with_code: bool) -> str:
    lines = []
    for i in range(links):
        code = " `code` " if with_code else " "
        lines.append(f"Line {i} about [[p{i}]] and{code}[[q{i}|text]] here." if i % 2 else f"Plain [[p{i}]].")
    return "\n".join(lines)


@pytest.mark.parametrize("with_code", [False, True], ids=["no-code", "with-inline-code"])
def test_find_links_in_a_long_field(with_code: bool) -> None:
    text = _long_markdown(66_000, with_code)  # about 2.5 MB, 100,000 links
    started = time.perf_counter()
    links = list(find_links(text))
    seconds = time.perf_counter() - started
    print(f"find_links: {len(links):,} links in {len(text) / 1e6:.1f} MB in {seconds:.2f} s")
    assert len(links) == 99_000
    first, second, third, last = links[0], links[1], links[2], links[-1]
    assert (first.target, first.line, first.column) == ("p0", 0, 6)
    assert (second.target, second.line, second.column) == ("p1", 1, 13)
    assert (third.target, third.text, third.line) == ("q1", "text", 1)
    assert text[third.start : third.end] == "[[q1|text]]"
    assert (last.target, last.line) == ("q65999", 65_999)
    assert text[last.start : last.end] == "[[q65999|text]]"


def test_100000_unknown_links_are_each_placed(make_project: MakeProject, monkeypatch: pytest.MonkeyPatch) -> None:
    from election_explainers.core.data import parse_files

    monkeypatch.setattr(parse_files, "MAX_DATA_BYTES", 8 * 1024 * 1024)
    lines = [f"  Line {i} names [[gone-{i}]] and [[ck]]." + " filler" * 4 for i in range(100_000)]
    root = make_project({STORY: "title: Red wins\ndate: 2020-06-08\nbody: |\n" + "\n".join(lines) + "\n"})
    started = time.perf_counter()
    found = problems(root)
    print(f"100,000 unknown links placed in {time.perf_counter() - started:.2f} s")
    assert len(found) == 100_000
    assert found[0] == f"{STORY}:4:16: body: unknown id in link 'gone-0'"
    assert f"{STORY}:100003:20: body: unknown id in link 'gone-99999'" in found


def test_pathological_backticks_are_linear() -> None:
    text = "[[a]] " + "`" * 200_000 + " [[b]]"
    started = time.perf_counter()
    assert [link.target for link in find_links(text)] == ["a", "b"]
    assert time.perf_counter() - started < 5


def test_find_broken_links_keeps_real_links_apart() -> None:
    text = "[[a]] [[|x]] [[a|b|c]] [[b#]] [[[c]]] `[[|code]]`"
    assert [link.target for link in find_links(text)] == ["a", "a", "c"]
    assert [message for _, message in find_broken_links(text)] == [
        "empty link target in [[|x]]",
        "empty section in [[b#]]",
    ]


# --- 6. section addresses ---------------------------------------------------------------------------------


def test_section_slug() -> None:
    assert section_slug("Asia Pacific") == section_slug("asia-pacific") == "asia-pacific"
    assert section_slug("  Politics & Elections! ") == "politics-elections"
    # No ASCII letter: a stable hash of the letters, distinct per name, the same for case variants.
    assert section_slug("Политика") == section_slug("ПОЛИТИКА") != section_slug("Экономика")
    assert section_slug("Политика").startswith("section-") and len(section_slug("Политика")) == len("section-") + 8
    assert section_slug("!!!") == "section"


# --- 8. loading again with a cache ------------------------------------------------------------------------


def _snapshot(root: Path, cache: LoadCache | None) -> tuple[object, list[str]]:
    try:
        dataset = load(root / "data", root / "docs", root=root, cache=cache)
    except DataError as error:
        return None, [str(p) for p in error.problems]
    return (dataset.records, dataset.pages, dataset.known, dataset.fingerprints), []


def test_a_cached_load_equals_a_fresh_one(make_project: MakeProject) -> None:
    root = make_project({"docs/analysis.md": "---\nabout: [red]\ndate: 2020\n---\n# Analysis\n"})
    cache = LoadCache()
    first, _ = _snapshot(root, cache)
    assert cache.parsed == 6
    assert _snapshot(root, cache) == (first, [])
    assert cache.parsed == 0, "nothing changed, nothing parsed"

    steps: list[Callable[[], None]] = [
        lambda: (root / BLUE).write_text("name: Blue Party\ncountry: ck\nfounded: 2002\n", encoding="utf-8"),
        lambda: (root / "data/parties/green.yaml").write_text("name: Green\ncountry: cx\n", encoding="utf-8"),
        lambda: (root / "data/parties/green.yaml").write_text("name: Green\ncountry: ck\n", encoding="utf-8"),
        lambda: (root / "data/parties/green.yaml").unlink(),
        lambda: (root / BLUE).rename(root / "data/parties/ck-blue.yaml"),  # id and file change, record does not
        lambda: (root / "data/parties/ck-blue.yaml").rename(root / BLUE),
        lambda: (root / "docs/analysis.md").write_text("---\nabout: [blue]\n---\n# Analysis\n", encoding="utf-8"),
    ]
    for step in steps:
        step()
        assert _snapshot(root, cache) == _snapshot(root, None)
        assert cache.parsed <= 1


def test_fingerprints_tell_what_changed(make_project: MakeProject) -> None:
    root = make_project({"docs/analysis.md": "---\nabout: [red]\ndate: 2020\n---\n# Analysis\n"})
    cache = LoadCache()
    before = load(root / "data", root / "docs", root=root, cache=cache)
    (root / BLUE).write_text("name: Blue Party\ncountry: ck\nfounded: 2002\n", encoding="utf-8")
    (root / "docs/analysis.md").write_text("---\nabout: [blue]\ndate: 2020\n---\n# Analysis\n", encoding="utf-8")
    (root / "data/parties/green.yaml").write_text("name: Green\n", encoding="utf-8")
    after = load(root / "data", root / "docs", root=root, cache=cache)
    assert after.changed_since(before) == {"blue", "green", "analysis.md"}
    assert after.changed_since(after) == set()
