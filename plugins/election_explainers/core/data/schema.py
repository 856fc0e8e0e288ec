"""JSON Schema for each kind, so editors' tools complete and check fields as they type."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .models import KINDS, Record

SCHEMA_FOLDER = ".schema"


def json_schema(kind: type[Record]) -> dict[str, Any]:
    schema = kind.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{kind.kind}.schema.json",
        **schema,
        "title": f"{kind.kind.capitalize()} ({kind.folder}/<id>.yaml)",
    }


def write_schemas(folder: Path) -> list[Path]:
    """Write ``<kind>.schema.json`` for every kind into ``folder``; return the files."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = folder / f"{kind.kind}.schema.json"
        text = json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
