"""Property tests: any data folder either renders or fails with problems an editor can find.

The oracle, :func:`assert_builds_or_located`: ``load()`` raises :class:`DataError` whose every
problem names an existing file, a line in it and a column (both from 1), or it returns a dataset
that renders every page, timeline file and feed without an exception.

- :func:`test_generated_data_builds_or_fails_located`: data folders generated from the contract
  (docs/data-format.md), valid or broken by junk: wrong types, huge/negative/NaN numbers, odd
  unicode, long strings, deep nesting, unknown keys, stray and badly named files, broken YAML;
- :func:`test_mutated_example_builds_or_fails_located`: the repository's data/ with one file
  mutated (keys deleted or duplicated, values of another type, extreme numbers, ids swapped,
  payloads inserted, text cut short, unknown fields, the file moved or its text truncated).

``HYPOTHESIS_PROFILE=ci`` runs 1,000 generated and 2,000 mutated examples, derandomized so a CI
failure replays; the default (dev) profile runs 100 of each with a random seed (printed on failure).
"""

from __future__ import annotations

import datetime as dt
import math
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from election_explainers.core.data.loader import load
from election_explainers.core.data.problems import DataError
from election_explainers.core.publish import publish
from election_explainers.core.render.render import Renderer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sites import REPO_ROOT

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "dev")
EXAMPLES = {"ci": {"generated": 1000, "mutated": 2000}, "dev": {"generated": 100, "mutated": 100}}[PROFILE]
SETTINGS: dict[str, Any] = {
    "deadline": None,  # a build takes a few ms to a few hundred; the oracle is what matters
    "derandomize": PROFILE == "ci",  # CI: the same examples every run, so a failure replays
    "print_blob": True,  # dev: a failure prints how to reproduce it
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
}
KIND_FOLDERS = ("countries", "parties", "people", "elections", "stories")

# ----------------------------------------------------------------------------- the oracle


def assert_builds_or_located(data_dir: Path) -> None:
    """``data_dir`` either fails to load with located problems, or renders everything."""
    root = data_dir.parent
    try:
        dataset = load(data_dir, root=root)
    except DataError as error:
        assert error.problems, "DataError without problems"
        for problem in error.problems:
            path = root / problem.file
            assert path.exists(), f"{problem}: no such file"
            assert problem.line >= 1 and problem.column >= 1, f"{problem}: line and column count from 1"
            if path.is_file():
                lines = path.read_bytes().count(b"\n") + 1
                assert problem.line <= lines + 1, f"{problem}: the file has {lines} lines"
        return
    renderer = Renderer(dataset)  # templates are compiled once per process (make_environment is cached)
    for source in renderer.sources():
        assert isinstance(renderer.render(source).html, str)
    for data_file in publish.timeline_files(renderer):
        assert isinstance(data_file.make(), str)
    for data_file in publish.feed_files(renderer, "https://example.org/", "Site"):
        assert isinstance(data_file.make(), str)


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    """One folder reused by every example (pytest's tmp_path per example would be far slower)."""
    folder = Path(tempfile.mkdtemp(prefix="explainers-properties-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def fresh_data_dir(workdir: Path) -> Path:
    data = workdir / "data"
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir()
    return data


def write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


# libyaml's emitter: PyYAML's own spends seconds on a long odd-unicode string.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump(document: Any) -> str:
    return yaml.dump(document, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=120)


# ----------------------------------------------------------------------------- values

PAYLOADS = (
    "<script>alert(1)</script>",
    "{: onfocus=alert(1) autofocus tabindex=1 }",
    "![x](x){: onerror=alert(1)}",
    "[t](javascript:alert(1))",
    '"><svg onload=alert(1)>',
    "[[",
    "]]",
    "[[a]]",
    "[[nope]]",
    "[[a|x]]",
    "![[a#seats]]",
    "[[a#",
    '--8<-- "/etc/passwd"',
    "{{ jinja }}",
    "{% raw %}",
    "]]>",
    "\u2063",
    "\u202e",
    "\ufeff",
    "\r",
    "\r\n",
    "\x00",
    "\t",
    "---",
    "...",
    "&lt;",
    "`code`",
)
# Text YAML can carry: no lone surrogates (not UTF-8); anything else, control characters included.
CHARS = st.characters(blacklist_categories=("Cs",))
TEXT = st.one_of(
    st.text(CHARS, max_size=20),
    st.sampled_from(PAYLOADS),
    st.lists(st.sampled_from(PAYLOADS), min_size=2, max_size=5).map(" ".join),
    # Long strings, built cheaply (drawing thousands of random characters is slow). Links stay
    # few: thousands of broken links in one text is test_many_broken_links_are_located_quickly's.
    st.tuples(st.sampled_from(["x", "é ", "\u202e", "<b>", "\n"]), st.integers(500, 100_000)).map(
        lambda repeat: repeat[0] * repeat[1]
    ),
    st.integers(1, 200).map(lambda count: "[[a]] text " * count),
)
NUMBERS = st.one_of(
    st.integers(-(10**30), 10**30),
    st.sampled_from([0, -1, 2**31, 2**63, 10**400, math.inf, -math.inf, math.nan, 1e308, -0.0, 100.5, 100.0001]),
    st.floats(allow_nan=True, allow_infinity=True),
)


def nested(depth: int) -> Any:
    value: Any = "deep"
    for level in range(depth):
        value = [value] if level % 2 else {"k": value}
    return value


SCALARS = st.one_of(TEXT, NUMBERS, st.booleans(), st.none(), st.dates().map(str))
JUNK = st.one_of(
    SCALARS,
    st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4)),
    st.integers(1, 150).map(nested),
)
VALID_IDS = ("a", "b", "c-1", "kz", "x2", "nur-otan", "party-9", "e", "s")
IDS = st.one_of(st.sampled_from(VALID_IDS), st.sampled_from(["Bad_ID", "", "-x", "a b", "ÄÖ", "../a", "a.b"]))


def dates() -> st.SearchStrategy[Any]:
    day = st.dates(dt.date(1800, 1, 1), dt.date(2100, 12, 31))
    return st.one_of(
        day.map(lambda d: d.isoformat()),
        day.map(lambda d: d.isoformat()[:7]),
        day.map(lambda d: d.year),
        day.map(lambda d: str(d.year)),
        st.sampled_from(["2020-13-01", "2020-02-30", "0000", "20201", "2020-1-1", "yesterday"]),
    )


# ----------------------------------------------------------------------------- generated documents


def maybe(strategies: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional=strategies)


def common_fields(ids: st.SearchStrategy[str], text: st.SearchStrategy[str]) -> dict[str, st.SearchStrategy[Any]]:
    source = maybe(
        {
            "url": st.sampled_from(["https://example.org/a", "http://x.y/", "javascript:alert(1)", "ftp://x", "x"]),
            "publisher": text,
            "date": dates(),
        }
    ).flatmap(lambda d: text.map(lambda title: {"title": title, **d}))
    event = st.fixed_dictionaries(
        {"date": dates(), "title": text},
        optional={
            "end_date": dates(),
            "text": text,
            "about": st.lists(ids, max_size=3),
            "sources": st.lists(source, max_size=2),
        },
    )
    other_name = st.fixed_dictionaries(
        {"name": text},
        optional={"lang": st.sampled_from(["en", "ru", "kk", "x"]), "start_date": dates(), "end_date": dates()},
    )
    return {
        "other_names": st.lists(other_name, max_size=3),
        "summary": text,
        "sources": st.lists(source, max_size=2),
        "events": st.lists(event, max_size=3),
        "tags": st.lists(text, max_size=3),
    }


Refs = Callable[[str], st.SearchStrategy[str]]  # folder of the kind named -> ids a field may hold


def kind_fields(kind: str, refs: Refs, text: st.SearchStrategy[str]) -> st.SearchStrategy[dict]:
    ids = refs("")  # any kind
    counts = st.integers(0, 100)
    percents = st.floats(0, 25)
    if kind == "countries":
        chamber = st.fixed_dictionaries(
            {"id": st.sampled_from(["house", "senate"]), "name": text}, optional={"seats": counts}
        )
        required: dict[str, st.SearchStrategy[Any]] = {"name": text}
        optional = {
            "iso_code": st.sampled_from(["KZ", "kz", "XYZ", ""]),
            "region": text,
            "capital": text,
            "population": counts,
            "chambers": st.lists(chamber, max_size=2),
        }
    elif kind == "parties":
        leader = st.fixed_dictionaries(
            {"person": refs("people")}, optional={"role": text, "start_date": dates(), "end_date": dates()}
        )
        required = {"name": text}
        optional = {
            "country": refs("countries"),
            "founded": dates(),
            "dissolved": dates(),
            "colour": st.sampled_from(["#123456", "#abcdef", "red", "#12345", ""]),
            "ideology": st.lists(text, max_size=3),
            "position": text,
            "leaders": st.lists(leader, max_size=2),
            "predecessor": st.one_of(refs("parties"), st.lists(refs("parties"), max_size=2)),
            "successor": st.one_of(refs("parties"), st.lists(refs("parties"), max_size=2)),
        }
    elif kind == "people":
        role = st.fixed_dictionaries(
            {"title": text}, optional={"party": refs("parties"), "start_date": dates(), "end_date": dates()}
        )
        required = {"name": text}
        optional = {"country": refs("countries"), "birth_date": dates(), "roles": st.lists(role, max_size=3)}
    elif kind == "elections":
        row = st.one_of(
            st.fixed_dictionaries(
                {"party": refs("parties")}, optional={"votes": counts, "percent": percents, "seats": counts}
            ),
            st.fixed_dictionaries(
                {"person": refs("people")}, optional={"party": refs("parties"), "votes": counts, "percent": percents}
            ),
            st.fixed_dictionaries({"option": text}, optional={"votes": counts, "percent": percents}),
        )
        result_set = st.fixed_dictionaries(
            {
                "kind": st.sampled_from(["official", "preliminary", "exit_poll", "poll", "guess"]),
                "rows": st.lists(row, max_size=4),
            },
            optional={"pollster": text, "date": dates()},
        )
        required = {
            "name": text,
            "country": refs("countries"),
            "date": dates(),
            "type": st.sampled_from(["legislative", "presidential", "referendum", "local", "coup"]),
        }
        optional = {
            "chamber": st.sampled_from(["house", "senate", "nope"]),
            "seats": st.integers(0, 5000),
            "seats_contested": counts,
            "threshold": st.floats(0, 100),
            "status": st.sampled_from(["held", "scheduled", "annulled", "lost"]),
            "results": st.lists(result_set, max_size=3),
            "registered_voters": counts,
            "turnout": st.floats(0, 100),
        }
    else:  # stories
        required = {"title": text, "date": dates()}
        optional = {
            "url": st.sampled_from(["https://example.org/story", "javascript:alert(1)"]),
            "body": text,
            "byline": text,
            "section": text,
            "about": st.lists(ids, max_size=3),
        }
    return st.fixed_dictionaries(required, optional={**common_fields(ids, text), **optional})


# Clean data names ids of the right kind from small pools (so it often loads and renders);
# dirty data names any id, valid or not, and carries odd text.
POOLS = {
    "countries": ("kz", "a"),
    "parties": ("nur-otan", "party-9", "b"),
    "people": ("c-1", "x2"),
    "elections": ("e", "e-2"),
    "stories": ("s", "s-2"),
}
ALL_POOLED = tuple(i for pool in POOLS.values() for i in pool)


def clean_refs(folder: str) -> st.SearchStrategy[str]:
    return st.sampled_from(POOLS.get(folder, ALL_POOLED))


# Built once (building strategies per draw is slow).
DOCUMENTS = {
    (folder, clean): kind_fields(
        folder,
        clean_refs if clean else (lambda folder: IDS),
        st.sampled_from(["Alpha", "Beta", "Gamma [[nur-otan]]", "Delta", "<b>x</b> & [[kz]]"]) if clean else TEXT,
    )
    for folder in KIND_FOLDERS
    for clean in (True, False)
}


@st.composite
def spoiled(draw: st.DrawFn, document: dict[str, Any]) -> Any:
    """``document`` as generated, or broken: junk values, unknown keys, missing required keys."""
    for _ in range(draw(st.integers(0, 3))):
        action = draw(st.sampled_from(["junk", "unknown", "drop", "whole"]))
        if action == "junk" and document:
            document[draw(st.sampled_from(sorted(document)))] = draw(JUNK)
        elif action == "unknown":
            document[draw(st.text(CHARS, min_size=1, max_size=12))] = draw(JUNK)
        elif action == "drop" and document:
            del document[draw(st.sampled_from(sorted(document)))]
        elif action == "whole":
            return draw(JUNK)
    return document


FILE_NAMES = st.one_of(
    st.sampled_from(VALID_IDS).map(lambda i: f"{i}.yaml"),
    st.sampled_from(VALID_IDS).map(lambda i: f"sub/{i}.yml"),
    st.sampled_from(["Bad Name.yaml", "é.yaml", "-x.yaml", "a.txt", ".hidden.yaml", "README.md", "x.yaml.bak"]),
)


@st.composite
def data_folders(draw: st.DrawFn) -> dict[str, str | bytes]:
    """Relative path -> file content of a generated data folder."""
    clean = draw(st.booleans())  # half the folders are meant to load: no junk, right kinds of ids
    files: dict[str, str | bytes] = {}
    for _ in range(draw(st.integers(0, 8))):
        folder = draw(st.sampled_from(KIND_FOLDERS))
        name = draw(st.sampled_from(POOLS[folder]).map(lambda i: f"{i}.yaml") if clean else FILE_NAMES)
        document = draw(DOCUMENTS[folder, clean])
        files[f"{folder}/{name}"] = dump(document if clean else draw(spoiled(document)))
    for _ in range(0 if clean else draw(st.integers(0, 2))):  # files no YAML library would write
        path = f"{draw(st.sampled_from([*KIND_FOLDERS, 'other', '']))}/{draw(FILE_NAMES)}".lstrip("/")
        files[path] = draw(RAW_FILES)
    return files


RAW_FILES = st.one_of(
    st.binary(max_size=200),
    st.text(CHARS, max_size=200),
    st.sampled_from(
        [
            "name: a\nname: b\n",
            "name: [unclosed\n",
            "\tname: tab\n",
            "a: &x [*x]\n",
            "--- \nname: one\n---\nname: two\n",
            "name: !!python/object:os.system ls\n",
            "\ufeffname: bom\n",
            "name: x\r\ncountry: kz\r",
            "",
            "~\n",
            "- a\n- b\n",
            "name: " + "[" * 5000 + "\n",
            "a: &a [" + ",".join(["*a"] * 9) + "]\nb: &b [" + ",".join(["*a"] * 9) + "]\n",
        ]
    ).map(str),
    st.sampled_from([b"\xff\xfe n\x00a\x00", b"name: \xc3\x28\n", b"\x00\x00\x00"]),
)


@settings(max_examples=EXAMPLES["generated"], **SETTINGS)
@given(files=data_folders())
def test_generated_data_builds_or_fails_located(workdir: Path, files: dict[str, str | bytes]) -> None:
    data = fresh_data_dir(workdir)
    for relative, content in files.items():
        write(data / relative, content)
    assert_builds_or_located(data)


# ----------------------------------------------------------------------------- mutations of the example


def example_files() -> dict[str, str]:
    data = REPO_ROOT / "data"
    return {p.relative_to(data).as_posix(): p.read_text(encoding="utf-8") for p in sorted(data.rglob("*.yaml"))}


EXAMPLE = example_files()
# The example's pictures, written beside the (mutated) YAML as they are: the mutations are the YAML's.
EXAMPLE_IMAGES = {
    p.relative_to(REPO_ROOT / "data").as_posix(): p.read_bytes()
    for p in sorted((REPO_ROOT / "data" / "images").rglob("*"))
    if p.is_file()
}
EXAMPLE_IDS = sorted({Path(name).stem for name in EXAMPLE})

Location = tuple[Any, Any]  # (container, key or index)


def locations(value: Any) -> list[Location]:
    """Every (container, key) in a parsed document, depth first."""
    found: list[Location] = []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in items:
        found.append((value, key))
        found.extend(locations(child))
    return found


def with_payload(value: Any, payload: str, where: int) -> Any:
    if isinstance(value, str):
        return value[:where] + payload + value[where:]
    return payload


Mutation = Callable[[st.DataObject, Any], Any]


def _replace(pick: Callable[[st.DataObject, Any], Any]) -> Mutation:
    def mutate(data: st.DataObject, document: Any) -> Any:
        spots = locations(document)
        if not spots:
            return pick(data, document)
        container, key = data.draw(st.sampled_from(spots))
        container[key] = pick(data, container[key])
        return document

    return mutate


def _delete(data: st.DataObject, document: Any) -> Any:
    spots = locations(document)
    if spots:
        container, key = data.draw(st.sampled_from(spots))
        del container[key]
    return document


def _unknown_field(data: st.DataObject, document: Any) -> Any:
    mappings = [c[k] for c, k in locations(document) if isinstance(c[k], dict)]
    if isinstance(document, dict):
        mappings.append(document)
    if mappings:
        key = data.draw(st.sampled_from(["colour_", "nmae", "id", "file", "x", "Name", ""]))
        data.draw(st.sampled_from(mappings))[key] = data.draw(JUNK)
    return document


MUTATIONS: dict[str, Mutation] = {
    "delete": _delete,
    "junk": _replace(lambda data, old: data.draw(JUNK)),
    "number": _replace(lambda data, old: data.draw(NUMBERS)),
    "other id": _replace(lambda data, old: data.draw(st.sampled_from([*EXAMPLE_IDS, "nope", "Bad", ""]))),
    "payload": _replace(
        lambda data, old: with_payload(old, data.draw(st.sampled_from(PAYLOADS)), data.draw(st.integers(0, 40)))
    ),
    "truncate": _replace(
        lambda data, old: old[: data.draw(st.integers(0, max(0, len(old) - 1)))] if isinstance(old, str) else old
    ),
    "unknown field": _unknown_field,
    "wrap": _replace(lambda data, old: data.draw(st.sampled_from([[old], {"value": old}, str(old)]))),
}


def text_mutation(data: st.DataObject, text: str) -> str:
    """Mutations of the YAML text itself: duplicate a line (key), cut it short, break indentation."""
    lines = text.split("\n")
    action = data.draw(st.sampled_from(["duplicate line", "cut", "tab", "swap lines"]))
    at = data.draw(st.integers(0, max(0, len(lines) - 1)))
    if action == "duplicate line":
        lines.insert(at, lines[at])
    elif action == "cut":
        return text[: data.draw(st.integers(0, len(text)))]
    elif action == "tab":
        lines[at] = "\t" + lines[at]
    else:
        other = data.draw(st.integers(0, max(0, len(lines) - 1)))
        lines[at], lines[other] = lines[other], lines[at]
    return "\n".join(lines)


@settings(max_examples=EXAMPLES["mutated"], **SETTINGS)
@given(data=st.data())
def test_mutated_example_builds_or_fails_located(workdir: Path, data: st.DataObject) -> None:
    folder = fresh_data_dir(workdir)
    files = dict(EXAMPLE)
    name = data.draw(st.sampled_from(sorted(files)), label="file")
    if data.draw(st.integers(0, 4), label="text-level") == 0:
        files[name] = text_mutation(data, files[name])
    else:
        document = yaml.safe_load(files[name])
        for _ in range(data.draw(st.integers(1, 3), label="mutations")):
            document = MUTATIONS[data.draw(st.sampled_from(sorted(MUTATIONS)), label="mutation")](data, document)
        files[name] = dump(document)
    if data.draw(st.integers(0, 9), label="move") == 0:  # the file moves: another kind, or another id
        moved = data.draw(st.sampled_from(KIND_FOLDERS)) + "/" + data.draw(st.sampled_from(EXAMPLE_IDS)) + ".yaml"
        files[moved] = files.pop(name)
    for relative, content in {**EXAMPLE_IMAGES, **files}.items():
        write(folder / relative, content)
    assert_builds_or_located(folder)


def test_many_broken_links_are_located_quickly(workdir: Path) -> None:
    """An editor pastes a long text whose 2,000 links name no entity: every one is reported, fast.

    (Finding each link's line once per earlier copy of the same text is quadratic.)
    """
    folder = fresh_data_dir(workdir)
    write(folder / "countries" / "a.yaml", "name: A\nsummary: |\n" + "  See [[nope]] here.\n" * 2000)
    started = time.perf_counter()
    with pytest.raises(DataError) as error:
        load(folder, root=workdir)
    elapsed = time.perf_counter() - started
    assert len(error.value.problems) == 2000
    assert [(p.line, p.column) for p in error.value.problems[:2]] == [(3, 7), (4, 7)]
    assert elapsed < 3, f"{elapsed:.1f} s to report 2,000 broken links"


def test_the_example_itself_builds(workdir: Path) -> None:
    """The mutations start from valid data: unmutated, it renders."""
    folder = fresh_data_dir(workdir)
    for relative, content in {**EXAMPLE_IMAGES, **EXAMPLE}.items():
        write(folder / relative, content)
    load(folder, root=workdir)
    assert_builds_or_located(folder)
