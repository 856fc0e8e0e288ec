"""An incremental publish in a staged copy of the site equals a clean one, byte for byte, and never
touches the live site, even when killed.

The builder here does what the plugin and MkDocs will do around :class:`PersistentBuild`: ask
``must_make`` for each output, unlink what it writes, write, say what it read, and index the pages
it wrote for search. The outputs are the real renderer's, on random edits of the example data.
"""

from __future__ import annotations

import copy
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from election_explainers.core.data.problems import DataError
from election_explainers.core.publish.buildstate import STATE_FILE, BuildState
from election_explainers.core.publish.persistent import SEARCH_INDEX, PersistentBuild
from election_explainers.core.publish.swap import building
from election_explainers.core.render.render import Renderer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_buildstate import outputs_of
from test_incremental import EDITS, EXAMPLE, loaded

CONFIG = "settings-v1"
ASSET = "assets/site.css"


def dest_of(path: str) -> str:
    """Where an output lands in the site: a page's src as MkDocs' directory URLs place it."""
    if not path.endswith(".md"):
        return path
    stem = path.removesuffix(".md")
    return "index.html" if stem == "index" else f"{stem.removesuffix('/index')}/index.html"


def url_of(dest: str) -> str:
    return dest.removesuffix("index.html")


def publish(renderer: Renderer, target: Path, *, incremental: bool) -> set[str]:
    """Build ``renderer``'s site into ``target`` as ``explainers build [--incremental]`` will; what it made."""
    outputs = {dest_of(path): (text.encode(), reads) for path, (text, reads) in outputs_of(renderer).items()}
    made: set[str] = set()
    with building(target, staged=incremental) as new:
        build = PersistentBuild(new, target if incremental else None)
        build.begin(CONFIG, [], renderer.dataset)
        for dest, (data, reads) in outputs.items():
            if build.must_make(dest):
                build.detach([dest])
                (new / dest).parent.mkdir(parents=True, exist_ok=True)
                (new / dest).write_bytes(data)
                build.made(dest, reads)
                made.add(dest)
        # MkDocs copies the theme's files and writes the search index of the pages it built.
        build.detach([ASSET, SEARCH_INDEX])
        (new / ASSET).parent.mkdir(parents=True, exist_ok=True)
        (new / ASSET).write_text("body{}\n", encoding="utf-8")
        pages = [dest for dest in outputs if dest.endswith("index.html")]
        index = [{"location": url_of(d), "title": d, "text": outputs[d][0].decode()[:40]} for d in pages if d in made]
        (new / SEARCH_INDEX).parent.mkdir(parents=True, exist_ok=True)
        (new / SEARCH_INDEX).write_text(
            json.dumps({"config": {"lang": ["en"]}, "docs": index}, separators=(",", ":")), encoding="utf-8"
        )
        build.finish([*outputs, ASSET], [url_of(d) for d in pages], [url_of(d) for d in pages if d in made])
    return made


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(edits=st.lists(st.tuples(st.sampled_from(EDITS), st.randoms(use_true_random=False)), min_size=1, max_size=3))
@pytest.mark.repo_data
def test_after_random_edits_an_incremental_publish_equals_a_clean_one(
    tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[Any, Any]]
) -> None:
    root = tmp_path_factory.mktemp("project")
    site, clean = root / "site", root / "clean"
    files = copy.deepcopy(EXAMPLE)
    publish(loaded(root, files), site, incremental=False)
    for edit, rng in edits:
        edited = copy.deepcopy(files)
        edit(edited, rng.choice)
        try:
            renderer = loaded(root, edited)
        except DataError:
            continue
        files = edited
        made = publish(renderer, site, incremental=True)
        publish(renderer, clean, incremental=False)
        assert tree(site) == tree(clean), f"after {edit.__name__}, the incremental site differs from a clean one"
        assert len(made) < len(tree(clean)), f"after {edit.__name__}, everything was made again"


@pytest.mark.repo_data
def test_an_unchanged_site_is_made_of_the_same_files(tmp_path: Path) -> None:
    renderer = loaded(tmp_path, copy.deepcopy(EXAMPLE))
    site = tmp_path / "site"
    publish(renderer, site, incremental=False)
    before = {p: os.stat(site / p).st_ino for p in tree(site) if p not in (STATE_FILE, SEARCH_INDEX, ASSET)}
    assert publish(renderer, site, incremental=True) == set(), "nothing to make"
    after = {p: os.stat(site / p).st_ino for p in before}
    assert after == before, "every kept output is the same file, linked into the new folder"
    assert BuildState.read(site) is not None


def test_a_failed_incremental_publish_leaves_the_site_whole(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError), building(site, staged=True) as new:
        (new / "index.html").unlink()
        (new / "index.html").write_text("half\n", encoding="utf-8")
        raise RuntimeError("the build failed")
    assert tree(site) == {"index.html": b"old\n"}
    assert [p.name for p in tmp_path.iterdir()] == ["site"], "the staged folder is gone"


def test_a_killed_incremental_publish_leaves_the_site_whole(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for number in range(50):
        (site / f"page-{number}").mkdir(parents=True)
        (site / f"page-{number}/index.html").write_text(f"page {number}, old\n", encoding="utf-8")
    before = tree(site)
    script = textwrap.dedent(
        """
        import sys, time
        from pathlib import Path
        from election_explainers.core.publish.staging import detach
        from election_explainers.core.publish.swap import building
        with building(Path(sys.argv[1]), staged=True) as new:
            for number in range(25):  # half the pages rewritten, as a build goes
                page = new / f"page-{number}/index.html"
                detach(page)
                page.write_text(f"page {number}, new\\n", encoding="utf-8")
            print("halfway", flush=True)
            time.sleep(60)
        """
    )
    process = subprocess.Popen([sys.executable, "-c", script, str(site)], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None and process.stdout.readline() == "halfway\n"
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=60)
    assert tree(site) == before, "the live site is whole, every file as it was"
    staged = [p for p in tmp_path.iterdir() if p.name != "site"]
    assert len(staged) == 1 and (staged[0] / "page-0/index.html").read_text(encoding="utf-8") == "page 0, new\n"
    with building(site, staged=True):
        pass  # the next build clears what the killed one left
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
    assert tree(site) == before
