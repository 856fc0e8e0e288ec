"""`mkdocs serve` as an editor uses it: data edits rebuild, data errors show in the browser."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
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


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str, subprocess.Popen[str]]]:
    project = copy_example(tmp_path / "project")
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield project, f"http://127.0.0.1:{port}/", process
    finally:
        process.terminate()
        process.wait(timeout=30)


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
    assert "unknown field &#39;nmae&#39;; did you mean &#39;name&#39;?" in broken
    assert process.poll() is None  # the server keeps running

    data.write_text(good.replace("name: Adal", "name: Adal Party", 1), encoding="utf-8")
    fixed = wait_for(root + PAGE, lambda text: "<title>Adal Party" in text)
    assert "ee-data-errors" not in fixed
    assert process.poll() is None
