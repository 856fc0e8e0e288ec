"""`explainers materialize` writes a docs folder that MkDocs builds without our plugins."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXPLAINERS = Path(sys.executable).parent / "explainers"


@pytest.fixture(scope="module")
def materialized(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("materialized") / "docs"
    result = subprocess.run(
        [str(EXPLAINERS), "materialize", "--out", str(out)], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("Wrote ")
    return out


def test_generated_pages_are_plain_markdown_with_resolved_links(materialized: Path) -> None:
    party = (materialized / "parties" / "nur-otan.md").read_text(encoding="utf-8")
    assert party.startswith('---\ntitle: "Amanat"\n')  # its name as of the data's date
    assert '<a href="../../people/nursultan-nazarbayev/">Nursultan Nazarbayev</a>' in party
    assert "[[" not in party
    explainer = (materialized / "explainers" / "kazakhstan-2021.md").read_text(encoding="utf-8")
    assert "[[" not in explainer.split("```")[0]
    assert 'class="ee-hemicycle"' in explainer  # the embed became the chart itself
    assert (materialized / "assets" / "elections" / "elections.css").is_file()
    assert (materialized / "timeline" / "index.timelinejs.json").is_file()


def test_materialized_docs_build_without_the_plugin(materialized: Path, tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"site_name: Moved\ndocs_dir: {materialized}\ntheme: {{name: material}}\n"
        "extra_css: [assets/elections/elections.css]\nmarkdown_extensions: [attr_list, md_in_html, tables, toc]\n",
        encoding="utf-8",
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(site)],
        check=True,
        env=env,
    )
    page = (site / "elections" / "kz-2021-mazhilis" / "index.html").read_text(encoding="utf-8")
    assert page.count('class="ee-seat"') == 107
    assert "<title>2021 Kazakh legislative election - Moved</title>" in page


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "keep.md").write_text("# Mine\n", encoding="utf-8")
    result = subprocess.run(
        [str(EXPLAINERS), "materialize", "--out", str(tmp_path)], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "is not empty" in result.stderr
    assert (tmp_path / "keep.md").read_text(encoding="utf-8") == "# Mine\n"


def test_a_mixed_election_keeps_its_tiers_and_map(materialized: Path) -> None:
    page = (materialized / "elections" / "kz-2023-mazhilis.md").read_text(encoding="utf-8")
    assert page.count('class="ee-table ee-tier-table"') == 2
    assert '<figure class="ee-area-figure ee-area-figure--tiles"' in page
    assert page.count('data-region="') == 20  # every region drawn
