"""`mkdocs serve` as an editor uses it: data edits rebuild, data errors show in the browser."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from election_explainers.core.publish.downloads import DATASET_JSON
from sites import copy_example

PAGE = "parties/adal/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(url: str, condition: Callable[[str], bool], timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = fetch(url)
        if condition(text):
            return text
        time.sleep(0.3)
    raise AssertionError(f"{url} never met the condition; last page:\n{text[:2000]}")


class Server:
    """A real `mkdocs serve` on the example project, with its log collected as it runs."""

    def __init__(self, project: Path, *options: str) -> None:
        self.project = project
        port = free_port()
        self.root = f"http://127.0.0.1:{port}/"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}  # the log as it happens
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *options],
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.log: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.log.append(line)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str, subprocess.Popen[str]]]:
    server = Server(copy_example(tmp_path / "project"))
    try:
        yield server.project, server.root, server.process
    finally:
        server.stop()


@pytest.fixture
def served_dirty(tmp_path: Path) -> Iterator[Server]:
    server = Server(copy_example(tmp_path / "project"), "--dirty", "--verbose")
    try:
        yield server
    finally:
        server.stop()


def test_a_data_error_shows_in_the_browser_and_the_fix_brings_the_page_back(
    served: tuple[Path, str, subprocess.Popen[str]],
) -> None:
    project, root, process = served
    page = wait_for(root + PAGE, lambda text: "<title>Adal" in text)
    assert "ee-data-errors" not in page

    data = project / "data" / "parties" / "adal.yaml"
    good = data.read_text(encoding="utf-8")
    data.write_text(good + "nmae: Adal\n", encoding="utf-8")
    broken = wait_for(root + PAGE, lambda text: "ee-data-errors" in text)
    assert "data/parties/adal.yaml" in broken
    assert "unknown field &#39;nmae&#39;; did you mean &#39;name&#39;" in broken
    assert process.poll() is None  # the server keeps running

    data.write_text(good.replace("name: Adal", "name: Adal Party", 1), encoding="utf-8")
    fixed = wait_for(root + PAGE, lambda text: "<title>Adal Party" in text)
    assert "ee-data-errors" not in fixed
    assert process.poll() is None


def built_pages(log: list[str]) -> set[str]:
    """Pages MkDocs rendered with the theme and wrote (the plugin's debug log says "Built page <src>")."""
    return {line.split("Built page ", 1)[1].strip() for line in log if "Built page " in line}


def test_dirty_serve_rebuilds_only_the_pages_an_edit_changes(served_dirty: Server) -> None:
    server = served_dirty
    wait_for(server.root + PAGE, lambda text: "<title>Adal" in text)
    wait_for(server.root, lambda text: "Election explainers" in text)
    first = built_pages(server.log)
    assert {"parties/adal.md", "elections/kz-2016-mazhilis.md", "index.md"} <= first  # the first build builds all

    server.log.clear()
    data = server.project / "data" / "parties" / "adal.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("name: Adal", "name: Adal Renamed", 1), "utf-8")
    wait_for(server.root + PAGE, lambda text: "<title>Adal Renamed" in text)
    election = wait_for(server.root + "elections/kz-2021-mazhilis/", lambda text: "Adal Renamed" in text)
    assert "ee-data-errors" not in election
    wait_for(server.root + "explainers/kazakhstan-2021/", lambda text: "Adal Renamed" in text)
    rebuilt = built_pages(server.log)
    # What shows the party is rebuilt, the docs page that links [[adal]] too; what does not is skipped.
    assert {"parties/adal.md", "elections/kz-2021-mazhilis.md", "explainers/kazakhstan-2021.md"} <= rebuilt
    assert "elections/kz-2016-mazhilis.md" not in rebuilt
    assert "people/aigul-utepova.md" not in rebuilt
    assert len(rebuilt) < len(first) / 2, sorted(rebuilt)


def test_a_page_that_cannot_render_shows_the_error_and_the_server_keeps_serving(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    broken = project / "overrides" / "elections" / "party.html"
    broken.parent.mkdir(parents=True)
    broken.write_text("{{ record.no_such_field.at_all }}\n", encoding="utf-8")
    server = Server(project)
    try:
        page = wait_for(server.root + PAGE, lambda text: "ee-data-errors" in text)
        assert "could not render this page" in page
        assert "data/parties/adal.yaml" in page
        assert "Election explainers" in wait_for(server.root, lambda text: "<title>" in text)  # other pages are fine
        broken.unlink()
        data = project / "data" / "parties" / "adal.yaml"  # theme folders are watched only with --watch-theme
        data.write_text(data.read_text(encoding="utf-8"), encoding="utf-8")
        fixed = wait_for(server.root + PAGE, lambda text: "<title>Adal" in text and "ee-data-errors" not in text)
        assert 'id="timeline"' in fixed
        assert server.process.poll() is None
    finally:
        server.stop()


def test_an_edited_theme_override_shows_on_the_next_build(tmp_path: Path) -> None:
    """Compiled theme templates are kept for the session (template_cache.py), never past an edit."""
    project = copy_example(tmp_path / "project")
    override = project / "overrides" / "main.html"
    override.write_text('{% extends "base.html" %}{% block announce %}Notice one{% endblock %}\n', encoding="utf-8")
    server = Server(project, "--dirty", "--watch-theme")
    try:
        wait_for(server.root + PAGE, lambda text: "Notice one" in text)
        override.write_text(override.read_text(encoding="utf-8").replace("one", "two"), encoding="utf-8")
        data = project / "data" / "parties" / "adal.yaml"  # --dirty rebuilds the pages an edit touches
        data.write_text(data.read_text(encoding="utf-8").replace("name: Adal", "name: Adal Renamed", 1), "utf-8")
        page = wait_for(server.root + PAGE, lambda text: "<title>Adal Renamed" in text)
        assert "Notice two" in page and "Notice one" not in page
    finally:
        server.stop()


def builds(log: list[str]) -> int:
    return sum("Building documentation" in line for line in log)


def test_a_save_starts_one_rebuild_and_reading_files_starts_none(served_dirty: Server) -> None:
    """Each build reads every watched file; the system's file events for those reads must not
    set off another build (they did, endlessly), while a save sets off exactly one."""
    server = served_dirty
    wait_for(server.root + PAGE, lambda text: "<title>Adal" in text)
    time.sleep(3)  # long enough for a build set off by the first build's reads to begin
    assert builds(server.log) == 1, "".join(server.log[-20:])
    assert not any("by polling" in line for line in server.log)  # the system's file events are used here

    data = server.project / "data" / "parties" / "adal.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("name: Adal", "name: Adal Once", 1), "utf-8")
    wait_for(server.root + PAGE, lambda text: "<title>Adal Once" in text)
    time.sleep(3)
    assert builds(server.log) == 2, "".join(server.log[-20:])


def search_index(server: Server) -> list[dict[str, str]]:
    return json.loads(fetch(server.root + "search/search_index.json"))["docs"]


def test_after_an_edit_that_rebuilds_many_pages_search_holds_each_once_with_its_new_text(
    served_dirty: Server,
) -> None:
    """Material's dirty merge drops the old entries of the first rebuilt page only; the plugin drops them all."""
    server = served_dirty
    wait_for(server.root + PAGE, lambda text: "<title>Adal" in text)
    before = search_index(server)
    pages_before = {entry["location"].split("#")[0] for entry in before}

    data = server.project / "data" / "parties" / "adal.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("name: Adal", "name: Adal Searched", 1), "utf-8")
    wait_for(server.root + "search/search_index.json", lambda text: "Adal Searched" in text)
    wait_for(server.root + "elections/kz-2021-mazhilis/", lambda text: "Adal Searched" in text)
    time.sleep(1)  # the rebuild has written everything
    after = search_index(server)
    locations = [entry["location"] for entry in after]
    assert len(locations) == len(set(locations)), sorted({x for x in locations if locations.count(x) > 1})
    assert {location.split("#")[0] for location in locations} == pages_before
    assert len(built_pages(server.log)) > 5  # the edit rebuilt many pages, not one
    election = [entry for entry in after if entry["location"].startswith("elections/kz-2021-mazhilis/")]
    assert election and any("Adal Searched" in entry["text"] for entry in election)
    assert not any("Adal" in entry["text"] and "Adal Searched" not in entry["text"] for entry in election)


def test_after_edits_in_quick_succession_the_downloads_and_search_show_the_last(served_dirty: Server) -> None:
    """A rebuild writes the downloads and parses the changed pages for search once the page is
    served (serve_later.py); the next rebuild waits for that, so nothing of an edit is lost."""
    server = served_dirty
    wait_for(server.root + PAGE, lambda text: "<title>Adal" in text)
    dataset = server.root + DATASET_JSON
    assert "Adal Twice" not in fetch(dataset)
    data = server.project / "data" / "parties" / "adal.yaml"
    original = data.read_text(encoding="utf-8")
    data.write_text(original.replace("name: Adal", "name: Adal Once", 1), "utf-8")
    wait_for(server.root + PAGE, lambda text: "<title>Adal Once" in text)
    data.write_text(original.replace("name: Adal", "name: Adal Twice", 1), "utf-8")  # at once, before the first settles
    wait_for(server.root + PAGE, lambda text: "<title>Adal Twice" in text)
    names = {
        party["id"]: party["name"] for party in json.loads(wait_for(dataset, lambda t: "Adal Twice" in t))["parties"]
    }
    assert names["adal"] == "Adal Twice"
    wait_for(server.root + "search/search_index.json", lambda text: "Adal Twice" in text)
    time.sleep(1)
    assert "Adal Once" not in fetch(dataset)
    index = fetch(server.root + "search/search_index.json")
    assert "Adal Once" not in index
    locations = [entry["location"] for entry in json.loads(index)["docs"]]
    assert len(locations) == len(set(locations))
    assert not any("Could not write" in line for line in server.log), "".join(server.log[-30:])
