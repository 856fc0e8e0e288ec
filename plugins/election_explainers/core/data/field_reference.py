"""The guide's field reference (docs/guide/fields.md), written from the models so it cannot drift.

Every field of every kind, and of the entries inside them (sources, result
sets, rows ...), with its type, whether it is required, its description and
an example, all taken from :mod:`.models`. A test fails when the committed
page differs from what this writes, or when a field lacks a description or
an example.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path
from typing import Any

import yaml

from .langtags import BCP47_PATTERN
from .models import (
    ID_PATTERN,
    KINDS,
    Alliance,
    Chamber,
    Constituency,
    Event,
    Image,
    Leader,
    Model,
    OtherName,
    Record,
    Region,
    ResultSet,
    Role,
    Row,
    Source,
    Tier,
)

REFERENCE_PAGE = Path("docs/guide/fields.md")

# The entries that live inside entity files, in the order the page explains them.
PARTS: tuple[type[Model], ...] = (
    OtherName,
    Source,
    Event,
    Image,
    Chamber,
    Region,
    Leader,
    Role,
    Tier,
    Constituency,
    ResultSet,
    Row,
    Alliance,
)
HEADINGS: dict[type[Model], str] = {
    OtherName: "Other name",
    Source: "Source",
    Event: "Event",
    Image: "Image",
    Chamber: "Chamber",
    Region: "Region",
    Tier: "Tier",
    Constituency: "Constituency",
    Alliance: "Alliance",
    Leader: "Leader",
    Role: "Role",
    ResultSet: "Result set",
    Row: "Row",
}
_NOT_FIELDS = {"id", "file"}  # they come from the file's name and place
_COMMON = tuple(name for name in Record.model_fields if name not in _NOT_FIELDS)

_INTRO = """\
# Field reference

<!-- Written by `explainers guide-fields` from the descriptions in
plugins/election_explainers/core/data/models.py: change them there, then run the command again. -->

Every field the data files may have, kind by kind, and the entries that go inside them
(sources, events, result sets ...). Anything not listed here is an error, so a misspelt
field is caught rather than dropped. The page is made from the same definitions the
checker uses, so it is always up to date.

How to read the tables:

- **Required**: "yes" means the file is refused without it. Leave out any field you have
  nothing for, rather than writing it empty.
- **Type**: *text* is anything; *Markdown* is text where `[[id]]` links work; an *id* is
  the file name of another entity, without `.yaml`; a *date* is `YYYY-MM-DD`, `YYYY-MM` or
  `YYYY`; a *list* is written one entry per `-` line, or as `[a, b]` on one line.
- Numbers are plain: `5148074`, not `5,148,074`; `71.09`, not `71.09%`.

The id of every entity is its file name, so it is not a field.
"""


def field_reference() -> str:
    """The whole page, as Markdown."""
    parts = [_INTRO]
    for kind in KINDS:
        parts.append(_kind_section(kind))
    parts.append(
        "## Entries inside the files\n\n"
        "These are the shapes of the entries that fields such as `sources`, `events` or `results` hold.\n"
    )
    for model in PARTS:
        parts.append(_part_section(model))
    return "\n".join(parts).rstrip("\n") + "\n"


def write_field_reference(path: Path) -> bool:
    """Write the page to ``path``; return whether it changed."""
    text = field_reference()
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def documented_fields(model: type[Model]) -> list[str]:
    """The fields an editor writes, in the order the page lists them: name first, shared fields last."""
    if not issubclass(model, Record):
        return list(model.model_fields)
    names = [name for name in model.model_fields if name not in _NOT_FIELDS]
    first = [name for name in ("name", "title") if name in names]
    own = [name for name in names if name not in first and name not in _COMMON]
    return first + own + [name for name in _COMMON if name in names]


def example_of(model: type[Model]) -> dict[str, Any]:
    """One entry as an editor would write it: the model's own example, or every field's example."""
    own = _model_example(model)
    if own is not None:
        return own
    return {name: _field_example(model, name) for name in documented_fields(model)}


def _model_example(model: type[Model]) -> dict[str, Any] | None:
    extra = model.model_config.get("json_schema_extra")
    examples = extra.get("examples") if isinstance(extra, dict) else None
    if isinstance(examples, list) and examples and isinstance(examples[0], dict):
        return dict(examples[0])
    return None


def _field_example(model: type[Model], name: str) -> Any:
    """The field's value in the model's example (so a table tells one story), else the field's own."""
    own = _model_example(model)
    if own is not None and name in own:
        return own[name]
    examples = model.model_fields[name].examples
    return examples[0] if examples else None


# ----------------------------------------------------------------------------- sections


def _kind_section(kind: type[Record]) -> str:
    lines = [
        f"## {kind.kind.capitalize()}",
        "",
        f"One file per {kind.kind}: `data/{kind.folder}/<id>.yaml`. "
        f"Its first line gives editors completion: `# yaml-language-server: $schema=../.schema/{kind.kind}.schema.json`.",
        "",
        *_table(kind),
        "",
        f"An example {kind.kind} file:",
        "",
        *_yaml_block(example_of(kind)),
    ]
    return "\n".join(lines) + "\n"


def _part_section(model: type[Model]) -> str:
    used_in = sorted(
        {
            f"`{name}` ({owner_name})"
            for owner, owner_name in _owners()
            for name in documented_fields(owner)
            if _refers_to(owner, name, model)
        }
    )
    description = (model.__doc__ or "").strip()
    lines = [
        f"### {HEADINGS[model]}",
        "",
        f"{_markdown_text(description)} Used in {', '.join(used_in)}.",
        "",
        *_table(model),
        "",
        "Example:",
        "",
        *_yaml_block(example_of(model)),
    ]
    return "\n".join(lines) + "\n"


@functools.cache
def _schema(model: type[Model]) -> dict[str, Any]:
    """The model's JSON Schema, worked out once: pydantic builds it anew on every call."""
    return model.model_json_schema()


def _owners() -> list[tuple[type[Model], str]]:
    return [(kind, kind.kind) for kind in KINDS] + [(part, HEADINGS[part].lower()) for part in PARTS]


def _refers_to(owner: type[Model], name: str, model: type[Model]) -> bool:
    schema = _schema(owner)["properties"][name]
    return f'"#/$defs/{model.__name__}"' in repr(schema).replace("'", '"')


def _table(model: type[Model]) -> list[str]:
    schema = _schema(model)
    required = set(schema.get("required", ()))
    rows = ["| Field | Type | Required | What it holds | Example |", "|---|---|---|---|---|"]
    for name in documented_fields(model):
        field = schema["properties"][name]
        needed = "yes" if name in required else "no"
        default = model.model_fields[name].default
        if needed == "no" and isinstance(default, str):
            needed = f"no (`{default}` if left out)"
        rows.append(
            f"| `{name}` | {_type_text(field)} | {needed} | {_markdown_text(field.get('description', ''))} "
            f"| {_inline_example(model, name, field)} |"
        )
    return rows


def _type_text(schema: dict[str, Any]) -> str:
    options = [option for option in _alternatives(schema) if option.get("type") != "null"]
    if [option.get("type") for option in options] == ["string", "array"] and options[0].get("pattern") == ID_PATTERN:
        return "id, or list of ids"
    if any(option.get("type") == "integer" and option.get("minimum") == 1000 for option in options):
        return "date"
    return " or ".join(_one_type(option) for option in options)


def _alternatives(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The schemas a value may match, nested ``anyOf`` flattened (an optional date is one inside another)."""
    if "anyOf" not in schema:
        return [schema]
    return [leaf for option in schema["anyOf"] for leaf in _alternatives(option)]


def _one_type(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        model = next(part for part in PARTS if part.__name__ == schema["$ref"].rsplit("/", 1)[-1])
        return f"[{HEADINGS[model].lower()}](#{_anchor(HEADINGS[model])})"
    kind = schema.get("type")
    if "enum" in schema:
        return "one of " + ", ".join(f"`{value}`" for value in schema["enum"])
    if kind == "array":
        return "list of " + _plural(_one_type(schema.get("items", {})))
    if kind == "string":
        if schema.get("pattern") == ID_PATTERN:
            return "id"
        if schema.get("contentMediaType") == "text/markdown":
            return "Markdown"
        if schema.get("format") == "date-time":
            return "date and time with its UTC offset (`2023-03-19T23:40:00+06:00`)"
        if schema.get("format") == "uri":
            return "web address (`http://` or `https://`)"
        if schema.get("pattern", "").startswith("^#"):
            return 'colour, `"#rrggbb"` in quotes'
        if schema.get("pattern") == BCP47_PATTERN:
            return "language code (`ru`, `kk`)"
        if schema.get("pattern") == "^[A-Za-z]{2}$":
            return "two letters"
        return "text"
    if kind == "object" and isinstance(schema.get("additionalProperties"), dict):  # free text by language
        return _one_type(schema["additionalProperties"]) + " by language (`{en: …, ru: …}`)"
    if kind in ("integer", "number"):
        what = "whole number" if kind == "integer" else "number"
        low, high = schema.get("minimum"), schema.get("maximum")
        return f"{what}, {_number(low)} to {_number(high)}" if low is not None and high is not None else what
    return "anything"


def _plural(text: str) -> str:
    if text.startswith("["):
        label, rest = text[1:].split("]", 1)
        return f"[{label}s]{rest}" if not label.endswith("y") else f"[{label[:-1]}ies]{rest}"
    return {"text": "texts", "id": "ids"}.get(text, text)


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else str(value)


def _anchor(heading: str) -> str:
    """The id Python-Markdown's toc gives a heading (lowercase words joined by '-')."""
    return re.sub(r"[^\w]+", "-", heading.lower()).strip("-")


def _inline_example(model: type[Model], name: str, schema: dict[str, Any]) -> str:
    example = _field_example(model, name)
    if "$ref" in repr(schema):  # entries have their own section, with a full example
        refs = re.findall(r"#/\$defs/(\w+)", repr(schema))
        part = next(p for p in PARTS if p.__name__ == refs[0])
        return f"see [{HEADINGS[part].lower()}](#{_anchor(HEADINGS[part])})"
    text = yaml.dump({name: example}, Dumper=_ExampleDumper, default_flow_style=True, allow_unicode=True, width=10**6)
    return f"`{text.strip().removeprefix('{').removesuffix('}')}`"


def _markdown_text(text: str) -> str:
    """A description in a table cell: `[[links]]` shown as code, HTML characters escaped."""
    parts = re.split(r"(\[\[[^\]]*\]\])", text)
    return "".join(f"`{part}`" if part.startswith("[[") else html.escape(part, quote=False) for part in parts)


def _yaml_block(value: dict[str, Any]) -> list[str]:
    text = yaml.dump(value, Dumper=_ExampleDumper, sort_keys=False, allow_unicode=True, width=10**6)
    return ["```yaml", *text.rstrip("\n").split("\n"), "```"]


class _ExampleDumper(yaml.SafeDumper):
    """YAML as the guide writes it: dates plain (``2021-01-10``, not quoted), lists indented under their key."""

    yaml_implicit_resolvers = {  # noqa: RUF012 (PyYAML reads it as a class attribute)
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
    }

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def choose_scalar_style(self) -> str:
        # Double quotes where YAML needs quotes, as the rest of the guide writes them.
        style: str = super().choose_scalar_style()
        return '"' if style == "'" else style
