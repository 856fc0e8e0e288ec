"""A large data/ is parsed partly in a worker process: the result is the same as parsing it all here."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from election_explainers.core.data import parse_files
from election_explainers.core.data.loader import load, load_records
from election_explainers.core.data.problems import DataError
from sites import copy_example

BROKEN = {
    "data/parties/syntax.yaml": "name: [unclosed\n",
    "data/parties/twice.yaml": "name: A\nname: B\n",
    "data/parties/wrong-type.yaml": "name: Wrong\nfounded: [1, 2]\n",
    "data/people/not-utf8.yaml": b"name: \xff\n",
    "data/stories/bad-link.yaml": "title: T\ndate: 2021-01-10\nbody: See [[nobody-here]].\n",
}


def project(tmp_path: Path, broken: bool) -> Path:
    root = copy_example(tmp_path / "site")
    if broken:
        for name, content in BROKEN.items():
            path = root / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
    return root


def outcome(root: Path) -> str:
    """Everything a load gives, as text: the records in order, or every problem."""
    try:
        dataset = load(root / "data", root / "docs", root=root)
    except DataError as error:
        return "\n".join(map(str, error.problems))
    return "\n".join(f"{record.id} {record.model_dump_json()}" for record in dataset.records.values())


def with_worker(monkeypatch: pytest.MonkeyPatch, on: bool) -> None:
    monkeypatch.setattr(parse_files, "WORKER_FROM_FILES", 1 if on else 10**9)
    monkeypatch.setattr(parse_files, "CHUNK_FILES", 7)  # several chunks, the last one short


@pytest.mark.parametrize("broken", [False, True], ids=["valid", "with-problems"])
def test_a_worker_gives_what_this_process_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, broken: bool) -> None:
    root = project(tmp_path, broken)
    with_worker(monkeypatch, False)
    alone = outcome(root)
    with_worker(monkeypatch, True)
    helped = outcome(root)
    assert helped == alone
    if broken:
        for name in BROKEN:
            assert name in helped
    else:
        assert "kz" in helped


def test_the_worker_does_parse_a_share(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path, False)
    with_worker(monkeypatch, True)
    sent: list[int] = []
    original = parse_files._Worker.__init__

    def counting(self: parse_files._Worker, files: list[tuple[str, str]], scan_languages: bool) -> None:
        sent.append(len(files))
        original(self, files, scan_languages)

    monkeypatch.setattr(parse_files._Worker, "__init__", counting)
    loaded = load_records(root / "data", root, scan_languages=True)
    assert sent and 0 < sent[0] < len(loaded.records)
    assert {"ru", "kk"} <= loaded.languages  # the worker's files were scanned for languages too


@pytest.mark.parametrize("program", ["/nonexistent/python", "false"], ids=["cannot-start", "fails"])
def test_a_worker_that_fails_leaves_its_share_to_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, program: str
) -> None:
    root = project(tmp_path, True)
    with_worker(monkeypatch, False)
    alone = outcome(root)
    with_worker(monkeypatch, True)
    monkeypatch.setattr(sys, "executable", program)
    assert outcome(root) == alone


def test_elections_workers_1_keeps_parsing_in_this_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path, False)
    with_worker(monkeypatch, True)
    monkeypatch.setenv("ELECTIONS_WORKERS", "1")

    def no_worker(*args: object) -> None:
        raise AssertionError("a worker was started")

    monkeypatch.setattr(parse_files, "_Worker", no_worker)
    assert load_records(root / "data", root).records
