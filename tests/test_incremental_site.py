"""``explainers build --incremental`` with MkDocs and Material: through election night the published
site equals a clean build of the same data, byte for byte, and a killed build leaves it whole.

Every comparison is of whole folders, nothing left out: pages, search index, sitemap, feeds,
cards, downloads, count.json and the build state itself.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

NIGHT = Path(__file__).resolve().parent / "fixtures" / "counting-night"
ELECTION_FILE = "data/elections/vl-2024-assembly.yaml"
EXPLAINERS = Path(sys.executable).parent / "explainers"


def explainers(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [str(EXPLAINERS), *args], cwd=project, capture_output=True, text=True, timeout=300, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    return result


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def inodes(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_ino for p in root.rglob("*") if p.is_file()}


def step(project: Path, name: str) -> None:
    shutil.copy2(NIGHT / "steps" / f"{name}.yaml", project / ELECTION_FILE)


def night(tmp_path: Path) -> Path:
    project = tmp_path / "night"
    shutil.copytree(NIGHT, project)
    explainers(project, "build")
    return project


def assert_same_as_clean(project: Path) -> None:
    shutil.rmtree(project / "clean", ignore_errors=True)
    explainers(project, "build", "-d", "clean")
    incremental, clean = tree(project / "site"), tree(project / "clean")
    assert incremental.keys() == clean.keys()
    assert [path for path in clean if incremental[path] != clean[path]] == []


def test_through_the_night_an_incremental_build_equals_a_clean_one(tmp_path: Path) -> None:
    project = night(tmp_path)
    for moment in ("step2", "step3", "final"):
        before = inodes(project / "site")
        step(project, moment)
        log = explainers(project, "build", "--incremental").stderr
        assert "Incremental build: " in log and "no state of an earlier build" not in log, log
        after = inodes(project / "site")
        kept = {path for path in after if before.get(path) == after[path]}
        # The 2019 election's own files read nothing of 2024's count: kept, the same files.
        assert "embed/vl-2019-assembly/seats/index.html" in kept, moment
        assert "data/elections/vl-2019-assembly.json" in kept, moment
        assert "elections/vl-2024-assembly/index.html" not in kept, moment
        assert_same_as_clean(project)


def test_an_edited_docs_page_and_a_renamed_party(tmp_path: Path) -> None:
    project = night(tmp_path)
    index = project / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\nMore tonight.\n", encoding="utf-8")
    explainers(project, "build", "--incremental")
    assert_same_as_clean(project)
    party = project / "data" / "parties" / "upland.yaml"
    party.write_text(party.read_text(encoding="utf-8").replace("Upland Union", "Upland Alliance"), encoding="utf-8")
    explainers(project, "build", "--incremental")
    assert "Upland Alliance" in (project / "site" / "elections" / "vl-2024-assembly" / "count.json").read_text()
    assert_same_as_clean(project)


def test_a_killed_incremental_build_leaves_the_old_site_whole(tmp_path: Path) -> None:
    project = night(tmp_path)
    before = tree(project / "site")
    step(project, "step2")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [str(EXPLAINERS), "build", "--incremental"],
        cwd=project,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        for line in process.stderr:  # killed once MkDocs builds into the staged copy
            if "Incremental build: " in line:
                os.kill(process.pid, signal.SIGKILL)
                break
    finally:
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL
    assert tree(project / "site") == before, "the published site is as it was, every file"
    left = [p.name for p in project.iterdir() if p.name.startswith(".site")]
    assert len(left) == 1, "the killed build's staged folder is left behind"
    explainers(project, "build", "--incremental")
    assert not (project / left[0]).exists(), "the next build clears it"
    assert_same_as_clean(project)


EDITS = {
    "step": lambda project, draw: step(project, draw(st.sampled_from(["step1", "step2", "step3", "final"]))),
    "docs": lambda project, draw: (project / "docs" / "index.md").write_text(
        f"# Counting night\n\nThe [[vl-2024-assembly]] is being counted ({draw(st.integers(0, 9))}).\n\n"
        "![[vl-2024-assembly]]\n",
        encoding="utf-8",
    ),
    "party": lambda project, draw: (project / "data" / "parties" / "new-voice.yaml").write_text(
        (NIGHT / "data" / "parties" / "new-voice.yaml")
        .read_text(encoding="utf-8")
        .replace("New Voice", draw(st.sampled_from(["New Voice", "Fresh Voice", "Voice & Co <b>"]))),
        encoding="utf-8",
    ),
}


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_after_random_edits_an_incremental_build_equals_a_clean_one(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    project = night(tmp_path_factory.mktemp("random"))
    for name in data.draw(st.lists(st.sampled_from(sorted(EDITS)), min_size=1, max_size=3), label="edits"):
        EDITS[name](project, data.draw)
        explainers(project, "build", "--incremental")
    assert_same_as_clean(project)
