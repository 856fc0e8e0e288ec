"""Other engines build our sites: ProperDocs with our plugin, Zensical from ``explainers materialize``.

Each engine lives in its own virtual environment under ``.venv/engines/<name>``, so
neither touches the project's ``.venv`` (ProperDocs replaces MkDocs; Zensical brings
its own Material). A test creates its environment on first use; ``make engines``
(``python tests/test_engines.py``) does the same ahead of the test run. If an engine
cannot be installed, the test fails with pip's output: it is never skipped.

- ProperDocs (the maintained fork of MkDocs 1.6) loads plugins registered under the
  ``mkdocs.plugins`` entry point and aliases every ``mkdocs.*`` import to
  ``properdocs.*``, so our plugin runs unchanged. MkDocs itself is uninstalled from
  that environment, so nothing can quietly fall back to it.
- Zensical is pinned to 0.0.73: every later release depends on ``zensical-ui``,
  which the package index reachable here does not have.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sites import REPO_ROOT, Site, copy_example

# Inside .venv: ignored by git, removed by `make clean`, and never on the project's own path.
ENGINES_DIR = REPO_ROOT / ".venv" / "engines"
ELECTION = "elections/kz-2021-mazhilis/"
INSTALL_TIMEOUT = 900
BUILD_TIMEOUT = 300

# name -> (pip requirements, packages to remove afterwards)
ENGINES: dict[str, tuple[list[str], list[str]]] = {
    "properdocs": (["properdocs==1.6.7", "mkdocs-material>=9.8,<10", "-e", str(REPO_ROOT)], ["mkdocs"]),
    "zensical": (["zensical==0.0.73"], []),
}


def ensure_engine(name: str) -> Path:
    """The ``bin/`` folder of the engine's environment, created or brought up to date; raises on failure."""
    requirements, removed = ENGINES[name]
    venv = ENGINES_DIR / name
    stamp = venv / ".installed"
    # Our own dependencies come from pyproject.toml (ProperDocs installs our package): a change there reinstalls.
    pyproject = (REPO_ROOT / "pyproject.toml").read_bytes()
    wanted = hashlib.sha256(repr((requirements, removed, sys.version, pyproject)).encode()).hexdigest()
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == wanted:
        return venv / "bin"
    steps = [
        [sys.executable, "-m", "venv", "--clear", str(venv)],
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", *requirements],
    ]
    if removed:
        steps.append([str(venv / "bin" / "python"), "-m", "pip", "uninstall", "--yes", "--quiet", *removed])
    for step in steps:
        result = subprocess.run(step, capture_output=True, text=True, timeout=INSTALL_TIMEOUT, check=False)
        if result.returncode != 0:
            raise RuntimeError(
                f"could not install the {name} engine into {venv}: `{' '.join(step)}` exited "
                f"{result.returncode}:\n{result.stdout[-3000:]}{result.stderr[-3000:]}"
            )
    stamp.write_text(wanted, encoding="utf-8")
    return venv / "bin"


def engine(name: str) -> Path:
    try:
        return ensure_engine(name)
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as error:
        pytest.fail(str(error), pytrace=False)


def run_engine(command: list[str], cwd: Path) -> str:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=BUILD_TIMEOUT)
    log = result.stdout + result.stderr
    if result.returncode != 0:
        pytest.fail(f"`{' '.join(command)}` exited {result.returncode} in {cwd}:\n{log[-6000:]}", pytrace=False)
    return log


def assert_results_table(site: Site) -> None:
    results = site.article(ELECTION).one("div", cls="ee-results").one("table")
    header = [th.text for th in results.find("thead").find_all("th")]
    assert header[0] == "Party" and "Official results %" in header and "Seats" in header
    first = results.find("tbody").find("tr")
    assert first.find("th").text == "Nur Otan (now Amanat)"
    assert "5,148,074" in first.text and "76" in first.text


def generator(site: Site, url: str) -> str:
    return site.page(url).one("meta", name="generator").attrs["content"]


def test_properdocs_builds_the_example_with_our_plugin(tmp_path: Path) -> None:
    bin_dir = engine("properdocs")
    project = copy_example(tmp_path / "project")
    run_engine([str(bin_dir / "properdocs"), "build", "--strict", "-f", "mkdocs.yml", "-d", "site"], project)
    site = Site(project / "site", directory_urls=True, site_url="https://elections.example.org/", log="")
    assert "ProperDocs" in generator(site, ELECTION)  # not MkDocs: it is not even installed there
    assert_results_table(site)
    assert site.page(ELECTION).text.count("Nur Otan") >= 2
    assert (project / "site" / "feeds" / "atom.xml").is_file()  # on_files ran: the plugin's own outputs


def test_zensical_builds_the_materialized_site(tmp_path: Path) -> None:
    bin_dir = engine("zensical")
    explainers = Path(sys.executable).parent / "explainers"
    subprocess.run(
        [str(explainers), "materialize", "--out", str(tmp_path / "docs")], cwd=REPO_ROOT, check=True, timeout=120
    )
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Election explainers\nsite_url: https://elections.example.org/\ntheme: {name: material}\n"
        "extra_css: [assets/elections/elections.css]\nextra_javascript: [assets/elections/timeline.js]\n"
        "markdown_extensions: [attr_list, md_in_html, admonition, tables, toc]\n",
        encoding="utf-8",
    )
    run_engine([str(bin_dir / "zensical"), "build", "--strict", "-f", "mkdocs.yml"], tmp_path)
    site = Site(tmp_path / "site", directory_urls=True, site_url="https://elections.example.org/", log="")
    assert generator(site, ELECTION).startswith("zensical-")
    assert_results_table(site)
    assert site.html(ELECTION).count('class="ee-seat"') == 107


if __name__ == "__main__":
    # `make engines`: install both ahead of the tests.
    for engine_name in ENGINES:
        print(f"{engine_name}: {ensure_engine(engine_name)}")
