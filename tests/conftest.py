"""Shared fixtures: the repository's location and small real projects written to ``tmp_path``.

Keep this generic: helpers that write files, and one minimal valid dataset that
tests copy and then break on purpose.
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from election_explainers.core.data.loader import load
from election_explainers.core.data.problems import DataError
from election_explainers.core.publish.site_languages import site_languages

REPO_ROOT = Path(__file__).resolve().parents[1]

# Relative path -> file content: a small dataset that passes every check.
# Text is dedented and loses its first newline, so line 1 is the first line shown.
# Tests that assert line numbers inside these files say which line they mean.
MINIMAL_DATA: dict[str, str] = {
    "data/countries/ck.yaml": """
        name: Cockaigne
        iso_code: CK
        chambers:
          - id: assembly
            name: Assembly
            seats: 100
    """,
    "data/parties/red.yaml": """
        name: Red Party
        country: ck
        colour: "#cc0000"
        founded: 2001-05
        leaders:
          - person: ann-smith
            role: Leader
            start_date: 2010
    """,
    "data/parties/blue.yaml": """
        name: Blue Party
        country: ck
        founded: 2001
    """,
    "data/people/ann-smith.yaml": """
        name: Ann Smith
        country: ck
        birth_date: 1970-02-03
        roles:
          - title: Leader
            party: red
            start_date: "2010"
    """,
    "data/elections/ck-2020.yaml": """
        name: 2020 Cockaigne election
        country: ck
        date: 2020-06-07
        type: legislative
        chamber: assembly
        seats: 100
        registered_voters: 1000
        votes_cast: 600
        turnout: 60
        results:
          - kind: official
            rows:
              - party: red
                votes: 360
                percent: 60
                seats: 60
              - party: blue
                votes: 240
                percent: 40
                seats: 40
    """,
    "data/stories/red-wins.yaml": """
        title: Red wins
        date: 2020-06-08
        about: [ck-2020, red]
        summary: The [[red]] takes a majority.
        body: |
          The [[red]] won [[ck-2020|the vote]].
    """,
    "docs/index.md": """
        # Home

        The [[ck]] explainer.
    """,
}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "repo_data: reads the repository's own data/ and docs/ (fails while they are invalid)"
    )


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say where the browser tests wrote their screenshots, so people can look at them."""
    browser = sys.modules.get("browser")  # the browser tests' helpers, if they ran
    for folder in browser.screenshot_folders() if browser else []:
        terminalreporter.write_line(f"Screenshots of the checked pages: {folder}")


def write_tree(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write ``files`` (path relative to ``root`` -> content) and return ``root``.

    ``str`` content is dedented and loses one leading newline; ``bytes`` are written as they are.
    """
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).removeprefix("\n"), encoding="utf-8")
    return root


@pytest.fixture
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """Write :data:`MINIMAL_DATA` into ``tmp_path``, with changes; return ``tmp_path``.

    ``make_project({"data/parties/blue.yaml": "name: Blue\\n"}, remove=["docs/index.md"])``:
    files given replace (or add to) the minimal ones; ``remove`` drops some of them.
    """

    def make(changes: Mapping[str, str | bytes] | None = None, *, remove: tuple[str, ...] | list[str] = ()) -> Path:
        files: dict[str, str | bytes] = {k: v for k, v in MINIMAL_DATA.items() if k not in remove}
        files.update(changes or {})
        return write_tree(tmp_path, files)

    return make


def problems(root: Path) -> list[str]:
    """Every problem ``load`` reports for the project at ``root``, as printed; ``[]`` when it loads."""
    try:
        load(root / "data", root / "docs", root=root, languages=site_languages(root / "mkdocs.yml"))
    except DataError as error:
        return [str(problem) for problem in error.problems]
    return []
