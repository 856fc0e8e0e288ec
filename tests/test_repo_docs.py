"""The repository's own Markdown: every relative link lands on a file inside the repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
# The READMEs a reader of the repository sees; pages under docs/ are checked by the strict site build.
READMES = ("README.md", "data/README.md", "benchmarks/README.md")
_LINK_RE = re.compile(r"\]\(([^)\s]+)\)")


def relative_links(path: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
    return [target for target in _LINK_RE.findall(text) if not re.match(r"[a-z]+:", target)]


@pytest.mark.parametrize("readme", READMES)
def test_links_stay_inside_the_repository(readme: str) -> None:
    path = REPO_ROOT / readme
    broken = []
    for target in relative_links(path):
        resolved = (path.parent / target.split("#", 1)[0]).resolve()
        if not resolved.is_relative_to(REPO_ROOT) or not resolved.exists():
            broken.append(target)
    assert broken == [], f"{readme}: links to nothing, or outside the repository"


def test_readme_points_editors_at_the_guide() -> None:
    links = relative_links(REPO_ROOT / "README.md")
    assert "docs/guide/index.md" in links and "docs/guide/fields.md" in links
