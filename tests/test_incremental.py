"""Incremental rendering is exact: after any edit, re-rendering only the pages whose reads meet the
changed keys gives the same site as rendering everything again.

Random edits of the example data (hypothesis) are applied one after another; after each, the pages
and data files kept from before (because nothing they read changed) must equal a full render.
"""

from __future__ import annotations

import copy
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO_ROOT
from election_explainers.core.data.loader import LoadCache, load
from election_explainers.core.data.problems import DataError
from election_explainers.core.index.timeline import KeptItems
from election_explainers.core.index.tracking import changed_keys
from election_explainers.core.publish.publish import feed_files, timeline_files
from election_explainers.core.render.fragments import Fragments, Reads
from election_explainers.core.render.incremental import OutputCache
from election_explainers.core.render.page_types import RenderedPage
from election_explainers.core.render.render import Renderer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.repo_data

Files = dict[str, Any]  # path under the project → parsed YAML (data) or text (docs)


def example_files() -> Files:
    files: Files = {}
    for path in sorted((REPO_ROOT / "data").rglob("*.yaml")):
        files[path.relative_to(REPO_ROOT).as_posix()] = yaml.safe_load(path.read_text(encoding="utf-8"))
    for path in sorted((REPO_ROOT / "docs").rglob("*.md")):
        files[path.relative_to(REPO_ROOT).as_posix()] = path.read_text(encoding="utf-8")
    for path in sorted((REPO_ROOT / "data" / "images").rglob("*")):  # pictures the records name, as bytes
        if path.is_file():
            files[path.relative_to(REPO_ROOT).as_posix()] = path.read_bytes()
    return files


EXAMPLE = example_files()


def write(root: Path, files: Files) -> None:
    """Write the project as an editor leaves it: files that did not change keep their time stamps
    (so that the loader's cache, as under ``serve``, keeps their records)."""
    wanted = {
        root / relative: content
        if isinstance(content, (str, bytes))
        else yaml.safe_dump(content, allow_unicode=True, sort_keys=False)
        for relative, content in files.items()
    }
    for folder in ("data", "docs"):
        for path in sorted((root / folder).rglob("*")) if (root / folder).is_dir() else ():
            if path.is_file() and path not in wanted:
                path.unlink()
    for path, text in wanted.items():
        raw = text if isinstance(text, bytes) else text.encode("utf-8")
        if not path.is_file() or path.read_bytes() != raw:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(raw)


def of_kind(files: Files, folder: str) -> list[str]:
    return [path for path in files if path.startswith(f"data/{folder}/")]


def entity_id(path: str) -> str:
    return path.rsplit("/", 1)[1].removesuffix(".yaml")


# -- edits: each takes the files, a random source and returns nothing (edits in place) -------------


def rename(files: Files, pick: Any) -> None:
    path = pick(of_kind(files, "parties") + of_kind(files, "people") + of_kind(files, "countries"))
    files[path]["name"] = f"Renamed {pick(range(1000))}"


def rename_party_later(files: Files, pick: Any) -> None:
    path = pick(of_kind(files, "parties"))
    files[path].setdefault("other_names", []).append({"name": f"New name {pick(range(99))}", "start_date": "2020-05"})


def recolour(files: Files, pick: Any) -> None:
    files[pick(of_kind(files, "parties"))]["colour"] = pick(["#123456", "#abcdef", "#cc0000"])


def change_result(files: Files, pick: Any) -> None:
    election = files[pick(of_kind(files, "elections"))]
    rows = election["results"][0]["rows"]
    row = pick(rows)
    if row.get("seats"):
        row["seats"] = max(0, row["seats"] - 1)
    if row.get("percent") is not None:
        row["percent"] = round(max(0.0, row["percent"] - 0.5), 2)


def rename_region(files: Files, pick: Any) -> None:
    """A region's name shows in the results by region of the elections that counted there."""
    country = files[pick([c for c in of_kind(files, "countries") if files[c].get("regions")])]
    region = pick(country["regions"])
    region["name"] = region["name"] + " Oblysy"


def move_election(files: Files, pick: Any) -> None:
    files[pick(of_kind(files, "elections"))]["date"] = pick(["2012-01-15", "2023-03-19", "2016-03-21"])


def retag_story(files: Files, pick: Any) -> None:
    story = files[pick(of_kind(files, "stories"))]
    story["tags"] = [pick(["protests", "economy", "law"])]
    story["section"] = pick(["World", "Politics", "Asia Pacific"])


def readdress_story(files: Files, pick: Any) -> None:
    story = files[pick(of_kind(files, "stories"))]
    targets = [entity_id(p) for p in of_kind(files, "parties") + of_kind(files, "people")]
    story["about"] = sorted({pick(targets), pick(targets)})


def add_story(files: Files, pick: Any) -> None:
    number = pick(range(10_000))
    targets = [entity_id(p) for p in files if p.startswith("data/") and p.endswith(".yaml") and "/stories/" not in p]
    files[f"data/stories/new-story-{number}.yaml"] = {
        "title": f"New story {number}",
        "date": pick(["2015-06-01", "2021-01-11", "2022-02-02"]),
        "about": sorted({pick(targets), pick(targets)}),
        "tags": [pick(["protests", "economy"])],
        "summary": f"Something about [[{pick(targets)}]].",
        "body": "Text.",
    }


def remove_story(files: Files, pick: Any) -> None:
    linked = " ".join(text for path, text in files.items() if path.startswith("docs/"))
    stories = [path for path in of_kind(files, "stories") if f"[[{entity_id(path)}" not in linked]
    if stories:
        del files[pick(stories)]


def add_event(files: Files, pick: Any) -> None:
    path = pick(of_kind(files, "parties") + of_kind(files, "people") + of_kind(files, "countries"))
    files[path].setdefault("events", []).append({"date": "2018-07-07", "title": f"Event {pick(range(99))}"})


def add_late_event(files: Files, pick: Any) -> None:
    """A fact newer than any other moves the default as-of date: every page true on it changes."""
    path = pick(of_kind(files, "parties") + of_kind(files, "people") + of_kind(files, "countries"))
    date = pick(["2023-05", "2024-03-12", "2020-01-01"])
    files[path].setdefault("events", []).append({"date": date, "title": f"Late event {pick(range(99))}"})


def end_term(files: Files, pick: Any) -> None:
    """A leadership or role that ends (or is dated later) changes who is current as of the data's date."""
    path = pick(of_kind(files, "parties") + of_kind(files, "people"))
    terms = files[path].get("leaders") or files[path].get("roles") or []
    if terms:
        term = pick(terms)
        term["start_date"] = pick(["2015", "2021-06"])
        term["end_date"] = pick(["2022-06-30", "2025-01"])


def move_capital(files: Files, pick: Any) -> None:
    country = files[pick(of_kind(files, "countries"))]
    country["capital"] = [
        {"name": "Old Town", "end_date": "2020-02"},
        {"name": f"New Town {pick(range(9))}", "start_date": pick(["2020-02", "2026-01"])},
    ]


def change_leader(files: Files, pick: Any) -> None:
    party = files[pick(of_kind(files, "parties"))]
    person = entity_id(pick(of_kind(files, "people")))
    party["leaders"] = [{"person": person, "start_date": pick(["2010", "2019-03-20"])}]


def change_role(files: Files, pick: Any) -> None:
    person = files[pick(of_kind(files, "people"))]
    party = entity_id(pick(of_kind(files, "parties")))
    person["roles"] = [{"title": f"Role {pick(range(9))}", "party": party, "start_date": "2017"}]


def edit_docs_page(files: Files, pick: Any) -> None:
    page = pick([p for p in files if p.startswith("docs/")])
    target = entity_id(pick(of_kind(files, "parties")))
    files[page] = files[page] + f"\n\nSee [[{target}]].\n"


def date_docs_page(files: Files, pick: Any) -> None:
    page = pick([p for p in files if p.startswith("docs/") and not files[p].startswith("---")])
    target = entity_id(pick(of_kind(files, "elections")))
    files[page] = f"---\ndate: 2021-02-0{pick(range(1, 9))}\nabout: [{target}]\n---\n\n" + files[page]


EDITS = [
    rename,
    rename_party_later,
    recolour,
    change_result,
    rename_region,
    move_election,
    retag_story,
    readdress_story,
    add_story,
    remove_story,
    add_event,
    add_late_event,
    end_term,
    move_capital,
    change_leader,
    change_role,
    edit_docs_page,
    date_docs_page,
]


# -- the two ways of rendering ---------------------------------------------------------------------------


def full(renderer: Renderer) -> dict[str, str]:
    outputs = {source.src: source_text(renderer, source) for source in renderer.sources()}
    outputs |= {f.path: f.make() for f in data_files(renderer)}
    return outputs


def data_files(renderer: Renderer) -> list[Any]:
    site = "https://example.org/"
    return [*timeline_files(renderer, site), *feed_files(renderer, site, "Example")]


def source_text(renderer: Renderer, source: Any) -> str:
    return page_text(source, renderer.render(source))


def page_text(source: Any, page: RenderedPage) -> str:
    # Reads in order: a set's repr depends on how it was filled.
    return repr((source.title, source.description, page.html, page.headings, sorted(page.reads)))


class Incremental:
    """What the plugin does between two builds of one `mkdocs serve`."""

    def __init__(self) -> None:
        self.renderer: Renderer | None = None
        self.pages: OutputCache[RenderedPage] = OutputCache()
        self.data: OutputCache[str] = OutputCache()
        self.fragments: Fragments[Any] = Fragments()
        self.load_cache = LoadCache()
        self.kept_items = KeptItems()
        self.rendered: set[str] = set()  # pages the last build rendered again

    def build(self, renderer: Renderer) -> dict[str, str]:
        changed = changed_keys(self.renderer.dataset, renderer.dataset) if self.renderer else None
        renderer.fragments = self.fragments
        self.renderer = renderer
        self.fragments.begin(changed)
        self.pages.begin(changed)
        self.data.begin(changed)
        outputs = {}
        self.rendered = set()
        for source in renderer.sources():
            page = self.pages.fresh(source.src)
            if page is None:
                self.rendered.add(source.src)
                page = renderer.render(source)
                self.pages.store(source.src, page, page.reads)
            outputs[source.src] = page_text(source, page)
        for data_file in data_files(renderer):
            text = self.data.fresh(data_file.path)
            if text is None:
                text = data_file.make()
                self.data.store(data_file.path, text, data_file.reads)
            outputs[data_file.path] = text
        return outputs


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


def loaded(root: Path, files: Files, incremental: Incremental | None = None) -> Renderer:
    """A renderer of ``files``; with ``incremental``, loaded as the plugin does under ``serve``."""
    write(root, files)
    if incremental is None:
        return Renderer(load(root / "data", root / "docs", root=root))
    dataset = load(root / "data", root / "docs", root=root, cache=incremental.load_cache)
    return Renderer(dataset, kept_items=incremental.kept_items)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(edits=st.lists(st.tuples(st.sampled_from(EDITS), st.randoms(use_true_random=False)), min_size=1, max_size=4))
def test_incremental_render_equals_a_full_render(workdir: Path, edits: list[tuple[Any, Any]]) -> None:
    files = copy.deepcopy(EXAMPLE)
    incremental = Incremental()
    incremental.build(loaded(workdir, files, incremental))
    for edit, rng in edits:
        edited = copy.deepcopy(files)
        edit(edited, rng.choice)
        try:
            renderer = loaded(workdir, edited, incremental)
        except DataError:  # the plugin shows the problems and keeps what it had
            continue
        files = edited
        kept = incremental.build(renderer)
        expected = full(Renderer(renderer.dataset))
        stale = sorted(path for path in expected if kept.get(path) != expected[path])
        assert not stale, f"after {edit.__name__}, these outputs were not re-rendered: {stale}"


def test_an_edit_re_renders_only_what_shows_it(workdir: Path) -> None:
    """A colour shows on its party's page and wherever the party's results are drawn, not everywhere."""
    files = copy.deepcopy(EXAMPLE)
    incremental = Incremental()
    incremental.build(loaded(workdir, files, incremental))
    assert len(incremental.rendered) > 30  # the first build renders everything
    files["data/parties/birlik.yaml"]["colour"] = "#010203"
    incremental.build(loaded(workdir, files, incremental))
    assert {"parties/birlik.md", "elections/kz-2016-mazhilis.md", "parties/index.md"} <= incremental.rendered
    assert "people/kassym-jomart-tokayev.md" not in incremental.rendered
    assert "stories/kz-law-on-protests.md" not in incremental.rendered
    assert len(incremental.rendered) <= 12, sorted(incremental.rendered)


def test_an_edit_remakes_only_the_list_entries_it_shows_in(workdir: Path) -> None:
    """The timeline and story listings are rendered again after any edit, from kept entries."""
    files = copy.deepcopy(EXAMPLE)
    incremental = Incremental()
    incremental.build(loaded(workdir, files, incremental))
    first = incremental.fragments.made
    assert first > 50
    files["data/parties/nur-otan.yaml"]["name"] = "Nur Otan (renamed)"
    incremental.build(loaded(workdir, files, incremental))
    assert "timeline/index.md" in incremental.rendered
    # Nur Otan, the example's most cited party, shows in under half of the entries.
    assert 0 < incremental.fragments.made <= first // 2, (incremental.fragments.made, first)


def test_an_edit_makes_again_only_the_timeline_items_that_read_the_edited_record(workdir: Path) -> None:
    files = copy.deepcopy(EXAMPLE)
    incremental = Incremental()
    first = loaded(workdir, files, incremental)
    incremental.build(first)
    files["data/parties/nur-otan.yaml"]["name"] = "Nur Otan (renamed)"
    second = loaded(workdir, files, incremental)
    before = {item.key: item for item in first.timeline}
    # Dated docs pages' items are made on every load (pages are few); records' are kept.
    remade = [item for item in second.timeline if before.get(item.key) is not item and item.kind != "page"]
    assert remade, "the renamed party's own items are made again"
    # A record's items are kept or made again together: the party's, and those of the people whose roles name it.
    owners = {"nur-otan"} | {p.id for p in second.dataset.people if any(r.party == "nur-otan" for r in p.roles)}
    assert {item.subject for item in remade} == owners
    assert [item.key for item in second.timeline] == [item.key for item in Renderer(second.dataset).timeline]


def test_renaming_a_region_re_renders_the_elections_counted_there(workdir: Path) -> None:
    files = copy.deepcopy(EXAMPLE)
    incremental = Incremental()
    incremental.build(loaded(workdir, files, incremental))
    region = next(r for r in files["data/countries/kz.yaml"]["regions"] if r["id"] == "astana-city")
    region["name"] = "Nur-Sultan"
    incremental.build(loaded(workdir, files, incremental))
    assert "elections/kz-2023-mazhilis.md" in incremental.rendered


def test_list_entries_outlast_a_build_that_did_not_show_them() -> None:
    """A docs edit renders none of the site-wide lists; the next data edit still finds their entries kept."""
    fragments: Fragments[str] = Fragments()
    made: list[str] = []

    def show(key: str) -> str:
        reads = Reads()
        return fragments.get(key, reads, lambda: made.append(key) or key.upper())

    fragments.begin(None)
    for key in ("a", "b", "c"):
        show(key)
    fragments.begin(set())  # a docs edit: no list is shown
    show("page")
    fragments.begin({"nothing-read"})  # a data edit: every list again
    for key in ("a", "b", "c"):
        show(key)
    assert made == ["a", "b", "c", "page"]


def test_list_entries_nobody_asks_for_go_once_the_store_doubles() -> None:
    fragments: Fragments[str] = Fragments()
    fragments.begin(None)
    for key in range(10):
        fragments.get(key, Reads(), str)
    for build in range(1, 4):  # each build shows ten new entries: edited items, never asked for again
        fragments.begin(set())
        for key in range(10 * build, 10 * build + 10):
            fragments.get(key, Reads(), str)
    fragments.begin(set())
    assert len(fragments) <= 20
    remade = fragments.made
    for key in range(30, 40):  # the newest are kept
        fragments.get(key, Reads(), str)
    assert fragments.made == remade
