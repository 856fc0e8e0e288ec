"""The guide's field reference is the data format: generated from the models, complete, and its examples valid."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from election_explainers.core.data.field_reference import (
    HEADINGS,
    PARTS,
    documented_fields,
    example_of,
    field_reference,
)
from election_explainers.core.data.models import KINDS, Model, Record
from election_explainers.core.data.yamlfile import parse_yaml
from test_cli import explainers

REPO_ROOT = Path(__file__).resolve().parents[1]
PAGE = REPO_ROOT / "docs/guide/fields.md"
MODELS: tuple[type[Model], ...] = (*KINDS, *PARTS)


@functools.cache
def page() -> str:
    return field_reference()


def sections(text: str) -> dict[str, str]:
    """Heading text -> the Markdown under it (to the next heading of level 2 or 3)."""
    found = re.split(r"^#{2,3} (.+)$", text, flags=re.MULTILINE)
    return dict(zip(found[1::2], found[2::2], strict=True))


def heading(model: type[Model]) -> str:
    return model.kind.capitalize() if issubclass(model, Record) else HEADINGS[model]


def test_committed_page_is_what_the_models_say() -> None:
    assert PAGE.read_text(encoding="utf-8") == page(), "docs/guide/fields.md is stale: run `explainers guide-fields`"


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_field_has_a_description_and_an_example(model: type[Model]) -> None:
    missing = [
        name
        for name in documented_fields(model)
        if not model.model_fields[name].description or not model.model_fields[name].examples
    ]
    assert missing == [], f"{model.__name__}: add described(...) with a description and an example"


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_field_is_a_row_of_its_section(model: type[Model]) -> None:
    section = sections(page())[heading(model)]
    rows = re.findall(r"^\| `(\w+)` \|", section, flags=re.MULTILINE)
    assert rows == documented_fields(model)
    assert set(documented_fields(model)) == set(model.model_fields) - (
        {"id", "file"} if issubclass(model, Record) else set()
    )


def test_every_entry_shape_in_the_schemas_has_a_section() -> None:
    nested = {name for kind in KINDS for name in kind.model_json_schema().get("$defs", {})}
    assert nested == {part.__name__ for part in PARTS}, "a new entry model needs a place in PARTS and HEADINGS"


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_each_section_example_is_valid_data(model: type[Model]) -> None:
    section = sections(page())[heading(model)]
    (block,) = re.findall(r"```yaml\n(.*?)```", section, flags=re.DOTALL)
    parsed, problems = parse_yaml("example", block)
    assert parsed is not None, problems
    assert parsed.data == example_of(model), "the block reads back as the example"
    extra = {"id": "example", "file": "example.yaml"} if issubclass(model, Record) else {}
    model.model_validate({**parsed.data, **extra})  # raises if the guide shows something the checker refuses


def test_links_inside_the_page_reach_its_headings() -> None:
    text = page()
    anchors = {re.sub(r"[^\w]+", "-", title.lower()).strip("-") for title in sections(text)}
    targets = set(re.findall(r"\]\(#([\w-]+)\)", text))
    assert targets and targets <= anchors


def test_guide_fields_check_fails_on_a_stale_page(tmp_path: Path) -> None:
    page = tmp_path / "fields.md"
    assert explainers("guide-fields", "--out", str(page), cwd=tmp_path).stdout == f"Wrote {page.as_posix()}\n"
    assert explainers("guide-fields", "--out", str(page), "--check", cwd=tmp_path).returncode == 0
    page.write_text(page.read_text(encoding="utf-8").replace("| `turnout` |", "| `turnuot` |"), encoding="utf-8")
    stale = explainers("guide-fields", "--out", str(page), "--check", cwd=tmp_path)
    assert (stale.returncode, stale.stderr) == (
        1,
        f"Error: {page.as_posix()} is out of date: run `explainers guide-fields`\n",
    )
