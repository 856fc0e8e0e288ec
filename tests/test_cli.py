"""The ``explainers`` console script, run as editors and CI run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from election_explainers.core.data.models import KIND_BY_FOLDER
from election_explainers.core.data.yamlfile import parse_yaml

EXPLAINERS = Path(sys.executable).parent / "explainers"
KINDS = ("country", "party", "person", "election", "story")
SCHEMA_LINE = "# yaml-language-server: $schema="
MakeProject = Callable[..., Path]


def explainers(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    assert EXPLAINERS.exists(), f"console script not installed at {EXPLAINERS}"
    return subprocess.run(
        [str(EXPLAINERS), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        env={**os.environ, "NO_COLOR": "1"},
    )


@pytest.fixture
def broken(make_project: MakeProject) -> Path:
    """A project with three problems, one of them with '%' (escaped in GitHub annotations)."""
    root = make_project(
        {"data/parties/blue.yaml": "name: Blue Party\ncountry: cx\n", "data/parties/a,b.yaml": "x: 1\n"}
    )
    election = root / "data/elections/ck-2020.yaml"
    election.write_text(election.read_text(encoding="utf-8").replace("turnout: 60", "turnout: 61"), encoding="utf-8")
    return root


TURNOUT = "turnout: turnout 61.0% disagrees with votes_cast / registered_voters = 60.00% (more than 0.5 points apart)"


# --- validate ---------------------------------------------------------------------------------------


@pytest.mark.repo_data
def test_validate_example_data_is_silent(repo_root: Path) -> None:
    result = explainers("validate", cwd=repo_root)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_validate_clean_tmp_project(make_project: MakeProject) -> None:
    result = explainers("validate", cwd=make_project())
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_validate_text(broken: Path) -> None:
    result = explainers("validate", cwd=broken)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"data/elections/ck-2020.yaml:9:10: {TURNOUT}",
        "data/parties/a,b.yaml:1:1: the file name 'a,b' is not a valid id: use lowercase letters, digits and '-'",
        "data/parties/blue.yaml:2:10: country: unknown country 'cx'",
    ]
    assert result.stderr == "3 problems found.\n"


def test_validate_github_annotations(broken: Path) -> None:
    result = explainers("validate", "--format", "github", cwd=broken)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=data/elections/ck-2020.yaml,line=9,col=10,title=Election data::" + TURNOUT.replace("%", "%25"),
        "::error file=data/parties/a%2Cb.yaml,line=1,col=1,title=Election data::"
        "the file name 'a,b' is not a valid id: use lowercase letters, digits and '-'",
        "::error file=data/parties/blue.yaml,line=2,col=10,title=Election data::country: unknown country 'cx'",
    ]
    assert result.stderr == "3 problems found.\n"


def test_validate_data_and_docs_options(make_project: MakeProject, tmp_path: Path) -> None:
    make_project({"docs/index.md": "# Home\n\n[[nobody]]\n"})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # Paths print relative to the working folder.
    result = explainers("validate", "--data", "../data", "--docs", "../docs", cwd=elsewhere)
    assert (result.returncode, result.stdout) == (1, "../docs/index.md:3:1: unknown id in link 'nobody'\n")
    assert result.stderr == "1 problem found.\n"
    # Without a docs folder, pages are skipped, not an error.
    result = explainers("validate", "--data", "../data", cwd=elsewhere)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_validate_missing_data_folder(tmp_path: Path) -> None:
    result = explainers("validate", "--data", "nowhere", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (1, "nowhere:1:1: the data folder does not exist\n")


def test_validate_rejects_unknown_format(make_project: MakeProject) -> None:
    result = explainers("validate", "--format", "json", cwd=make_project())
    assert result.returncode == 2
    assert "'json' is not one of 'text', 'github'" in result.stderr


# --- schema -----------------------------------------------------------------------------------------


def test_schema_writes_five_json_schemas(tmp_path: Path) -> None:
    result = explainers("schema", "--out", "out", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [f"out/{kind}.schema.json" for kind in KINDS]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(f"{kind}.schema.json" for kind in KINDS)
    required = {
        "country": ["name"],
        "party": ["name"],
        "person": ["name"],
        "election": ["name", "country", "date", "type"],
        "story": ["title", "date"],
    }
    for kind in KINDS:
        schema = json.loads((tmp_path / "out" / f"{kind}.schema.json").read_text(encoding="utf-8"))
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["$id"] == f"{kind}.schema.json"
        assert schema["type"] == "object"
        assert schema["additionalProperties"] is False, "unknown fields must be flagged in the editor too"
        assert schema["required"] == required[kind]
        assert {"summary", "sources", "events", "tags", "other_names"} <= set(schema["properties"])
        assert not {"id", "file"} & set(schema["properties"]), "id and file come from the file name"
        # Every $ref resolves inside the file.
        text = json.dumps(schema)
        for ref in {part.split('"')[0] for part in text.split('"$ref": "')[1:]}:
            assert ref.startswith("#/$defs/") and ref.removeprefix("#/$defs/") in schema["$defs"], ref


def test_schema_is_a_valid_json_schema(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    explainers("schema", "--out", "out", cwd=tmp_path)
    for kind in KINDS:
        schema = json.loads((tmp_path / "out" / f"{kind}.schema.json").read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)


def test_schema_defaults_to_the_data_folder(tmp_path: Path) -> None:
    result = explainers("schema", "--data", "facts", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [f"facts/.schema/{kind}.schema.json" for kind in KINDS]


@pytest.mark.repo_data
def test_committed_schemas_are_up_to_date(repo_root: Path, tmp_path: Path) -> None:
    explainers("schema", "--out", str(tmp_path), cwd=repo_root)
    for kind in KINDS:
        committed = repo_root / "data" / ".schema" / f"{kind}.schema.json"
        assert committed.read_text(encoding="utf-8") == (tmp_path / f"{kind}.schema.json").read_text(
            encoding="utf-8"
        ), f"{committed} is stale: run `explainers schema`"


def _entity_files(data: Path) -> list[Path]:
    return sorted(
        path
        for folder in KIND_BY_FOLDER
        for path in (data / folder).rglob("*")
        if path.suffix in (".yaml", ".yml") and not any(p.startswith(".") for p in path.relative_to(data).parts)
    )


@pytest.mark.repo_data
def test_every_data_file_points_at_its_schema(repo_root: Path) -> None:
    data = repo_root / "data"
    files = _entity_files(data)
    assert files, "no data files found"
    wrong = []
    for path in files:
        kind = KIND_BY_FOLDER[path.relative_to(data).parts[0]].kind
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        expected = (data / ".schema" / f"{kind}.schema.json").resolve()
        target = (path.parent / first.removeprefix(SCHEMA_LINE)).resolve() if first.startswith(SCHEMA_LINE) else None
        if target != expected or not expected.is_file():
            wrong.append(f"{path.relative_to(repo_root)}: {first!r}")
    assert wrong == [], f"first line must be {SCHEMA_LINE}<relative path to .schema/<kind>.schema.json>"


@pytest.mark.repo_data
def test_example_data_matches_the_schemas(repo_root: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    data = repo_root / "data"
    for path in _entity_files(data):
        kind = KIND_BY_FOLDER[path.relative_to(data).parts[0]].kind
        schema = json.loads((data / ".schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
        source, problems = parse_yaml(str(path), path.read_text(encoding="utf-8"))
        assert source is not None, problems
        errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(source.data)]
        assert errors == [], path
