"""The build state kept between processes (``explainers build --incremental``): what changed, what to rebuild.

The state must find exactly the keys the in-memory tracking finds for the same two loads
(``tracking.changed_keys``), and every output whose bytes change after an edit must be one the
plan rebuilds (random edits of the example data, as in test_incremental). The staged copy of a
site shares its files with the live one and must never write into them; the search index of a
partial build, completed from the last one, must be the clean build's byte for byte.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from election_explainers.core.data.dataset import Dataset
from election_explainers.core.data.loader import load
from election_explainers.core.data.problems import DataError
from election_explainers.core.index.tracking import changed_keys
from election_explainers.core.publish.buildstate import (
    STATE_FILE,
    BuildState,
    Entry,
    Output,
    changed_keys_since,
    dataset_entries,
    digest,
    newest_fact_of,
    plan,
    record_outputs,
)
from election_explainers.core.publish.search_merge import merge_search_index, page_of
from election_explainers.core.publish.staging import ALWAYS_WRITTEN, detach, remove, stage
from election_explainers.core.render.render import Renderer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sites import build, copy_fixture
from test_incremental import EDITS, EXAMPLE, data_files, loaded, source_text

CONFIG = "settings-v1"


def outputs_of(renderer: Renderer) -> dict[str, tuple[str, frozenset[str]]]:
    """Every output with its text and what it read, as a full build makes them."""
    made: dict[str, tuple[str, frozenset[str]]] = {}
    for source in renderer.sources():
        page = renderer.render(source)
        made[source.src] = (source_text(renderer, source), page.reads)
    for data_file in data_files(renderer):
        made[data_file.path] = (str(data_file.make()), data_file.reads)
    return made


def state_after_full_build(dataset: Dataset, made: dict[str, tuple[str, frozenset[str]]]) -> BuildState:
    first, state = plan(None, CONFIG, [], dataset)
    assert first.full
    produced = {path: reads for path, (_, reads) in made.items()}
    record_outputs(state, first, produced, {path: digest(text) for path, (text, _) in made.items()})
    return BuildState.from_json(state.to_json()) or pytest.fail("the state does not survive its own JSON")


# ----------------------------------------------------------------------------- the file


def test_the_state_round_trips_through_json(tmp_path: Path) -> None:
    state = BuildState(
        "abc",
        "2024-03",
        ("index.md",),
        {"kz": Entry("f1", "c1", ("kind:country", "rec:kz"))},
        {"countries/kz/index.html": Output(("rec:kz",), "d1")},
    )
    state.write(tmp_path)
    assert BuildState.read(tmp_path) == state
    assert json.loads((tmp_path / STATE_FILE).read_text(encoding="utf-8"))["version"] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [STATE_FILE], "no temporary file left"


@pytest.mark.parametrize("text", ["", "{", "[]", '{"version": 0}', '{"version": 1, "config": "x"}', "\udcff"])
def test_a_state_this_version_did_not_write_means_a_full_build(text: str) -> None:
    assert BuildState.from_json(text) is None


def test_no_state_is_none(tmp_path: Path) -> None:
    assert BuildState.read(tmp_path) is None


# ----------------------------------------------------------------------------- the plan


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Dataset, BuildState]:
    root = tmp_path_factory.mktemp("example")
    renderer = loaded(root, copy.deepcopy(EXAMPLE))
    return root, renderer.dataset, state_after_full_build(renderer.dataset, outputs_of(renderer))


@pytest.mark.repo_data
def test_nothing_changed_nothing_to_rebuild(example: tuple[Path, Dataset, BuildState]) -> None:
    _, dataset, state = example
    again, _ = plan(state, CONFIG, [], dataset)
    assert (again.full, again.changed, again.stale) == (False, frozenset(), frozenset())
    assert not any(again.must_make(path) for path in state.outputs)
    assert again.must_make("parties/new-party.md"), "an output the last build did not make is made"


@pytest.mark.repo_data
def test_what_forces_a_full_build(example: tuple[Path, Dataset, BuildState]) -> None:
    _, dataset, state = example
    assert plan(state, "settings-v2", [], dataset)[0].reason == "the settings, templates or versions changed"
    assert plan(state, CONFIG, ["about.md"], dataset)[0].reason == (
        "hand-written pages were added or removed (every menu changes)"
    )


@pytest.mark.repo_data
def test_a_comment_or_a_new_layout_changes_no_key(tmp_path: Path, example: tuple[Path, Dataset, BuildState]) -> None:
    root, _, state = example
    project = tmp_path / "p"
    shutil.copytree(root, project)
    path = next((project / "data/parties").glob("*.yaml"))
    path.write_text("# checked again tonight\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    dataset = load(project / "data", project / "docs", root=project)
    entries = dataset_entries(dataset, state)
    assert entries[path.stem].file != state.entries[path.stem].file, "the file changed"
    assert changed_keys_since(state, entries, newest_fact_of(dataset)) == set()


@pytest.mark.repo_data
def test_a_kept_entry_is_not_hashed_again(example: tuple[Path, Dataset, BuildState]) -> None:
    _, dataset, state = example
    forged = BuildState(state.config, state.newest_fact, state.docs, dict(state.entries), state.outputs)
    some_id = next(iter(dataset.records))
    forged.entries[some_id] = Entry(state.entries[some_id].file, "kept", ())
    assert dataset_entries(dataset, forged)[some_id].content == "kept", "same file: the entry is reused as it is"


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(edits=st.lists(st.tuples(st.sampled_from(EDITS), st.randoms(use_true_random=False)), min_size=1, max_size=3))
@pytest.mark.repo_data
def test_after_random_edits_the_plan_rebuilds_every_output_that_changed(
    tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[Any, Any]]
) -> None:
    root = tmp_path_factory.mktemp("edits")
    files = copy.deepcopy(EXAMPLE)
    renderer = loaded(root, files)
    made = outputs_of(renderer)
    state = state_after_full_build(renderer.dataset, made)
    for edit, rng in edits:
        edited = copy.deepcopy(files)
        edit(edited, rng.choice)
        try:
            new = loaded(root, edited)
        except DataError:
            continue
        files = edited
        next_plan, next_state = plan(state, CONFIG, [], new.dataset)
        assert set(next_plan.changed) == changed_keys(renderer.dataset, new.dataset), (
            f"after {edit.__name__}, the state finds other keys than the in-memory tracking"
        )
        now = outputs_of(new)
        missed = sorted(
            path
            for path, (text, _) in now.items()
            if (path not in state.outputs or state.outputs[path].digest != digest(text))
            and not next_plan.must_make(path)
        )
        assert not missed, f"after {edit.__name__}, these outputs changed but the plan keeps them: {missed}"
        assert next_plan.gone(now) == set(state.outputs) - set(now)
        # The next build makes what the plan says and keeps the rest, as `explainers build --incremental` would.
        written = {path: digest(text) for path, (text, _) in now.items() if next_plan.must_make(path)}
        record_outputs(next_state, next_plan, {path: reads for path, (_, reads) in now.items()}, written)
        assert {p: o.digest for p, o in next_state.outputs.items()} == {p: digest(t) for p, (t, _) in now.items()}
        state, renderer = next_state, new


# ----------------------------------------------------------------------------- the staged copy


def site_tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_staged_copy_shares_the_files_and_never_writes_into_them(tmp_path: Path) -> None:
    live, staging = tmp_path / "site", tmp_path / "staging"
    for relative in ("index.html", "parties/red/index.html", "search/search_index.json", "sitemap.xml", "a/b/c.txt"):
        (live / relative).parent.mkdir(parents=True, exist_ok=True)
        (live / relative).write_text(f"old {relative}\n", encoding="utf-8")
    before = site_tree(live)
    staging.mkdir()
    stage(live, staging)
    assert sorted(site_tree(staging)) == ["a/b/c.txt", "index.html", "parties/red/index.html"], ALWAYS_WRITTEN
    assert os.stat(staging / "index.html").st_ino == os.stat(live / "index.html").st_ino, "a hard link, not a copy"
    page = staging / "parties/red/index.html"
    detach(page)
    page.write_text("new page\n", encoding="utf-8")  # as MkDocs writes: open(path, "wb")
    remove(staging, ["a/b/c.txt"])
    assert not (staging / "a").exists(), "the folders it leaves empty go too"
    assert site_tree(live) == before, "the live site is untouched"
    assert site_tree(staging)["parties/red/index.html"] == b"new page\n"


def test_without_detach_a_hard_link_would_change_the_live_site(tmp_path: Path) -> None:
    """Why detach exists: MkDocs opens the files it writes in place."""
    live, staging = tmp_path / "site", tmp_path / "staging"
    live.mkdir()
    staging.mkdir()
    (live / "index.html").write_text("old\n", encoding="utf-8")
    stage(live, staging)
    (staging / "index.html").write_text("new\n", encoding="utf-8")
    assert (live / "index.html").read_text(encoding="utf-8") == "new\n"


# ----------------------------------------------------------------------------- the search index


def test_merging_keeps_the_kept_pages_and_the_order_of_the_site() -> None:
    config = {"lang": ["en"], "separator": "[\\s]+", "pipeline": ["stemmer"]}

    def index(*entries: tuple[str, str]) -> str:
        docs = [{"location": location, "title": title, "text": ""} for location, title in entries]
        return json.dumps({"config": config, "docs": docs}, separators=(",", ":"))

    old = index(("", "Home"), ("#intro", "Intro"), ("a/", "A"), ("a/#x", "A x"), ("gone/", "Gone"), ("b/", "B"))
    new = index(("a/", "A, edited"), ("c/", "C"))
    merged = merge_search_index(old, new, rebuilt=["a/", "c/"], order=["", "a/", "b/", "c/"])
    assert [(d["location"], d["title"]) for d in json.loads(merged)["docs"]] == [
        ("", "Home"),
        ("#intro", "Intro"),
        ("a/", "A, edited"),
        ("b/", "B"),
        ("c/", "C"),
    ], "a rebuilt page loses its old sections; a page gone from the site goes from the index"
    assert [page_of(x) for x in ("", "#intro", "a/#x", "a/")] == ["", "", "a/", "a/"]


def test_a_real_index_completed_from_itself_is_the_same_bytes(tmp_path: Path) -> None:
    site = build(copy_fixture("escaping", tmp_path / "project"))
    clean = (site.root / "search/search_index.json").read_text(encoding="utf-8")
    docs = json.loads(clean)["docs"]
    order = list(dict.fromkeys(page_of(d["location"]) for d in docs))
    assert len(order) > 3, "the fixture has pages to index"
    rebuilt = order[1::2]
    partial = json.dumps(
        {"config": json.loads(clean)["config"], "docs": [d for d in docs if page_of(d["location"]) in rebuilt]},
        separators=(",", ":"),
    )
    assert merge_search_index(clean, partial, rebuilt, order) == clean


def test_the_config_fingerprint_follows_settings_code_and_versions(tmp_path: Path) -> None:
    from election_explainers.core.publish.buildstate import config_fingerprint

    code = tmp_path / "overrides"
    code.mkdir()
    (code / "main.html").write_text("{% extends 'base.html' %}\n", encoding="utf-8")
    first = config_fingerprint("site: A", code=[code], packages=["mkdocs"])
    assert config_fingerprint("site: A", code=[code], packages=["mkdocs"]) == first
    assert config_fingerprint("site: B", code=[code], packages=["mkdocs"]) != first
    assert config_fingerprint("site: A", code=[code], packages=["mkdocs", "mkdocs-material"]) != first
    (code / "main.html").write_text("{% extends 'base.html' %}\n<!-- new -->\n", encoding="utf-8")
    assert config_fingerprint("site: A", code=[code], packages=["mkdocs"]) != first


def test_the_python_walk_links_what_cp_would(tmp_path: Path) -> None:
    from election_explainers.core.publish.staging import _link_tree

    live, by_cp, by_python = tmp_path / "site", tmp_path / "cp", tmp_path / "python"
    (live / "a/b").mkdir(parents=True)
    (live / "a/b/page.html").write_text("page\n", encoding="utf-8")
    (live / "index.html").write_text("home\n", encoding="utf-8")
    (live / "latest").symlink_to("a/b")
    by_cp.mkdir()
    by_python.mkdir()
    stage(live, by_cp, leave_out=())
    _link_tree(live, by_python)
    for staged in (by_cp, by_python):
        assert os.readlink(staged / "latest") == "a/b"
        assert os.stat(staged / "a/b/page.html").st_ino == os.stat(live / "a/b/page.html").st_ino
        assert sorted(p.relative_to(staged).as_posix() for p in staged.rglob("*")) == [
            "a",
            "a/b",
            "a/b/page.html",
            "index.html",
            "latest",
        ]


@pytest.mark.repo_data
def test_a_changed_menu_makes_the_plan_full(tmp_path: Path, example: tuple[Path, Dataset, BuildState]) -> None:
    from election_explainers.core.publish.persistent import PersistentBuild

    _, dataset, state = example
    site = tmp_path / "site"
    site.mkdir()
    BuildState(state.config, state.newest_fact, state.docs, state.entries, state.outputs, nav="menu-1").write(site)
    same = PersistentBuild(site, site)
    same.begin(CONFIG, [], dataset)
    assert not same.menu("menu-1") and same.changed() == set()
    other = PersistentBuild(site, site)
    other.begin(CONFIG, [], dataset)
    assert other.menu("menu-2") and other.changed() is None, "a new menu: every page again"
