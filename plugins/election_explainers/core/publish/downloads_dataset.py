"""The whole dataset as one JSON download, every record with the fields of the data format.

Downloads carry data, not markup: a Markdown field (a summary, a story's body, an
event's text) is the text a reader sees on the page, rendered and sanitized as
there, then without its tags (``[[id]]`` links are their text, entities are read,
paragraphs are apart by a blank line). Every other text field is the editor's
string as it is, which the page shows as it is too.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from ..data.models import Record
from ..render.markdown_html import sanitize
from ..render.plain_text import html_text
from ..render.view import View
from .downloads_json import yaml_fields

if TYPE_CHECKING:
    from ..render.render import Renderer


def dataset_json(renderer: Renderer) -> str:
    """Every record as the data format has it (the YAML's fields), by kind, each with its id;
    Markdown fields as the text a reader sees (see :func:`reader_text`). One record per line:
    two downloads compare line by line, and each line is written by the C encoder (an indented
    file takes Python's, which was most of the file's time)."""
    dataset = renderer.dataset
    kinds = []
    for kind, records in (
        ("countries", dataset.countries),
        ("parties", dataset.parties),
        ("people", dataset.people),
        ("elections", dataset.elections),
        ("stories", dataset.stories),
    ):
        lines = ",\n".join(_record_line(renderer, record) for record in records)
        kinds.append(f'"{kind}": [\n{lines}\n]' if lines else f'"{kind}": []')
    return "{\n" + ",\n".join(kinds) + "\n}\n"


def _record_line(renderer: Renderer, record: Record) -> str:
    """One record of :func:`dataset_json`, as a line of JSON. Under ``serve`` it is kept from the
    last build while nothing it shows changed: the file reads every record, and rendering all
    their text again after each edit took longer than the page the editor was looking at."""
    view = View(renderer, "", record)  # names in [[id]] links as the record's page shows them

    def make() -> str:
        view.reads.add(f"rec:{record.id}")
        fields = {"id": record.id, **plain_dump(record, functools.partial(reader_text, view))}
        return json.dumps(fields, ensure_ascii=False)

    return make() if renderer.fragments is None else renderer.fragments.get(("dataset", record.id), view.reads, make)


def reader_text(view: View, markdown: str) -> str:
    """Editors' Markdown as a reader sees it on the page, as plain text: rendered, sanitized
    (even where the site allows raw HTML on its pages), tags stripped, entities read."""
    return html_text(sanitize(str(view.html(markdown))))


@functools.cache
def markdown_fields(model: type[BaseModel]) -> frozenset[str]:
    """The fields of ``model`` the data format says are Markdown (``contentMediaType: text/markdown``)."""
    properties = model.model_json_schema(mode="serialization").get("properties", {})
    return frozenset(name for name, schema in properties.items() if "text/markdown" in json.dumps(schema))


def plain_dump(model: BaseModel, text_of: Callable[[str], str]) -> Any:
    """``model``'s fields as in the YAML, each Markdown one (at any depth) passed through ``text_of``."""
    return _plain(model, yaml_fields(model), text_of)


def _plain(value: Any, dumped: Any, text_of: Callable[[str], str]) -> Any:
    if isinstance(value, BaseModel) and isinstance(dumped, dict):
        markdown = markdown_fields(type(value))
        out: dict[str, Any] = {}
        for name, item in dumped.items():
            field = getattr(value, name, None)
            if name in markdown and isinstance(field, str):
                out[name] = text_of(field)
            elif name in markdown and isinstance(field, list):
                out[name] = [text_of(x) if isinstance(x, str) else x for x in field]
            else:
                out[name] = _plain(field, item, text_of)
        return out
    if isinstance(value, (list, tuple)) and isinstance(dumped, list) and len(value) == len(dumped):
        return [_plain(v, d, text_of) for v, d in zip(value, dumped, strict=True)]
    return dumped
