"""The pre-commit hooks: the one other repositories use, and this repository's own configuration.

pre-commit itself would fetch the pinned hooks over the network; these tests
read the files as pre-commit does and run the hook's entry the way it would,
on the example and on a broken copy of it.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from election_explainers.core.data.models import KINDS

REPO_ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def hooks() -> list[dict]:
    return yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def config() -> dict:
    return yaml.safe_load((REPO_ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))


def run_entry(entry: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The hook's entry as pre-commit runs it with pass_filenames: false (no file names appended)."""
    command, *args = shlex.split(entry)
    return subprocess.run(
        [str(BIN / command), *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=120
    )


def test_hooks_file_offers_validate() -> None:
    (hook,) = hooks()
    assert hook["id"] == "explainers-validate"
    assert hook["language"] == "python", "pre-commit installs this package and runs its console script"
    assert hook["pass_filenames"] is False, "the data is checked as a whole: references cross files"
    assert set(hook) <= {"id", "name", "description", "entry", "language", "pass_filenames", "files"}
    files = re.compile(hook["files"])
    assert files.search("data/parties/nur-otan.yaml") and files.search("docs/explainers/kazakhstan-2021.md")
    assert not files.search("plugins/election_explainers/cli.py") and not files.search("README.md")


@pytest.mark.repo_data
def test_hook_entry_passes_on_the_example(tmp_path: Path) -> None:
    (hook,) = hooks()
    shutil.copytree(REPO_ROOT / "data", tmp_path / "data")
    shutil.copytree(REPO_ROOT / "docs", tmp_path / "docs")
    shutil.copy2(REPO_ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")  # the site's languages, as in the repository
    result = run_entry(hook["entry"], tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.repo_data
def test_hook_entry_fails_on_a_broken_copy_with_located_errors(tmp_path: Path) -> None:
    (hook,) = hooks()
    shutil.copytree(REPO_ROOT / "data", tmp_path / "data")
    shutil.copytree(REPO_ROOT / "docs", tmp_path / "docs")
    shutil.copy2(REPO_ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")  # the site's languages, as in the repository
    party = tmp_path / "data/parties/adal.yaml"
    party.write_text(party.read_text(encoding="utf-8").replace("country: kz", "country: kx"), encoding="utf-8")
    page = tmp_path / "docs/index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [[nur-otn]].\n", encoding="utf-8")
    result = run_entry(hook["entry"], tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "data/parties/adal.yaml:3:10: country: unknown country 'kx'" in lines
    assert any(
        re.fullmatch(r"docs/index\.md:\d+:\d+: unknown id in link 'nur-otn'; did you mean 'nur-otan'\?", x)
        for x in lines
    )
    assert result.stderr == f"{len(lines)} problems found.\n"


def test_own_config_pins_every_remote_hook() -> None:
    for repo in config()["repos"]:
        if repo["repo"] in ("local", "meta"):
            continue
        assert re.fullmatch(r"v?\d+\.\d+\.\d+", str(repo["rev"])), f"{repo['repo']}: pin a released version"


def test_own_config_runs_validate_ruff_and_the_schemas() -> None:
    repos = config()["repos"]
    (local,) = (r for r in repos if r["repo"] == "local")
    (validate,) = local["hooks"]
    assert validate["id"] == hooks()[0]["id"] and validate["files"] == hooks()[0]["files"]
    assert validate["entry"] == "make --silent validate" and validate["pass_filenames"] is False
    remote = {hook["id"] for repo in repos if repo["repo"] != "local" for hook in repo["hooks"]}
    assert {"ruff-check", "ruff-format", "check-jsonschema"} <= remote
    schema_hooks = [hook for repo in repos for hook in repo["hooks"] if hook["id"] == "check-jsonschema"]
    covered = {}
    for hook in schema_hooks:
        schema = REPO_ROOT / hook["args"][hook["args"].index("--schemafile") + 1]
        assert schema.is_file(), schema
        covered[schema.name] = re.compile(hook["files"])
    for kind in KINDS:
        pattern = covered[f"{kind.kind}.schema.json"]
        files = [p.relative_to(REPO_ROOT).as_posix() for p in (REPO_ROOT / "data").rglob("*.yaml")]
        assert [f for f in files if pattern.search(f)] == [f for f in files if f.startswith(f"data/{kind.folder}/")]
