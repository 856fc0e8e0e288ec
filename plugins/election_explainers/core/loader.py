"""Load ``data/``: find the entity files, parse them and check each on its own.

Cross-file checks (references, election arithmetic) follow in :mod:`.checks`;
:func:`load` runs both and raises :class:`DataError` with every problem.
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .dataset import Dataset
from .fields import problems_from
from .models import ID_PATTERN, KIND_BY_FOLDER, Record
from .problems import DataError, Problem, did_you_mean
from .yamlfile import YamlFile, decode, parse_yaml

YAML_SUFFIXES = (".yaml", ".yml")
_ID_RE = re.compile(ID_PATTERN)
_FOLDERS = ", ".join(f"{folder}/" for folder in KIND_BY_FOLDER)


@dataclass
class Loaded:
    """What loading found: the records, their parsed files and the problems."""

    records: dict[str, Record] = field(default_factory=dict)
    kinds: dict[str, type[Record]] = field(default_factory=dict)
    # Records whose own check failed, minus their broken fields: checked across files only.
    partial: dict[str, Record | None] = field(default_factory=dict)
    files: dict[str, YamlFile] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def display_path(path: Path, root: Path | None = None) -> str:
    """``path`` relative to ``root`` (the working folder) where it lies inside it."""
    root = Path.cwd() if root is None else root
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


FoundFile = tuple[type[Record], Path, str]  # kind, path, path as shown in messages


def entity_files(data_dir: Path, root: Path | None = None) -> tuple[list[FoundFile], list[Problem]]:
    """Every entity file under ``data_dir`` with its kind, and every stray file as a problem."""
    found: list[FoundFile] = []
    problems: list[Problem] = []
    shown_data_dir = display_path(data_dir, root)
    if not data_dir.is_dir():
        return found, [Problem(shown_data_dir, 1, 1, "", "the data folder does not exist")]
    for folder, dirs, files in os.walk(data_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        here = Path(folder)
        relative = here.relative_to(data_dir).parts
        shown_folder = "/".join((shown_data_dir, *relative))  # resolved once per folder, not per file
        for name in sorted(files):
            if name.startswith(".") or name == "README.md":
                continue
            path = here / name
            shown = f"{shown_folder}/{name}"
            if not relative:
                message = f"entity files go in a kind folder ({_FOLDERS}), not at the top of the data folder"
            elif relative[0] not in KIND_BY_FOLDER:
                message = (
                    f"'{relative[0]}/' is not a kind folder{did_you_mean(relative[0], KIND_BY_FOLDER)} (use {_FOLDERS})"
                )
            elif not name.endswith(YAML_SUFFIXES):
                message = "only YAML files (.yaml or .yml) and README.md belong in the data folder"
            else:
                found.append((KIND_BY_FOLDER[relative[0]], path, shown))
                continue
            problems.append(Problem(shown, 1, 1, "", message))
    return found, problems


def load_records(data_dir: Path, root: Path | None = None) -> Loaded:
    """Parse and validate every entity file on its own."""
    loaded = Loaded()
    found, loaded.problems = entity_files(data_dir, root)
    first_file: dict[str, str] = {}
    for kind, path, shown in found:
        entity_id = path.name.rsplit(".", 1)[0]
        if not _ID_RE.match(entity_id):
            loaded.problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    "",
                    f"the file name '{entity_id}' is not a valid id: use lowercase letters, digits and '-'",
                )
            )
            continue
        if entity_id in first_file:
            loaded.problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    "",
                    f"the id '{entity_id}' is already used by {first_file[entity_id]}; ids are unique across all kinds",
                )
            )
            continue
        first_file[entity_id] = shown
        loaded.kinds[entity_id] = kind
        record = _load_one(kind, entity_id, path, shown, loaded)
        if record is not None:
            loaded.records[entity_id] = record
    return loaded


def _load_one(kind: type[Record], entity_id: str, path: Path, shown: str, loaded: Loaded) -> Record | None:
    text, problems = decode(shown, path.read_bytes())
    source: YamlFile | None = None
    if text is not None:
        source, problems = parse_yaml(shown, text)
    if source is None:
        loaded.problems.extend(problems)
        return None
    loaded.files[entity_id] = source
    if not isinstance(source.data, dict):
        loaded.problems.append(
            source.problem((), f"a {kind.kind} file holds a mapping of fields (name: …), not a single value or list")
        )
        return None
    for reserved in ("id", "file"):
        if reserved in source.data:
            loaded.problems.append(
                source.problem(
                    (reserved,), f"'{reserved}' is not a field: it comes from the file's name and place", key=True
                )
            )
            return None
    try:
        return kind.model_validate({**source.data, "id": entity_id, "file": shown})
    except ValidationError as error:
        loaded.problems.extend(problems_from(error, kind, source))
        loaded.partial[entity_id] = _salvage(kind, source.data, error, entity_id, shown)
        return None
    finally:
        source.release()


def _salvage(
    kind: type[Record], data: dict[str, Any], error: ValidationError, entity_id: str, shown: str
) -> Record | None:
    """The record without its broken fields, so checks across files still run on the rest."""
    broken = {detail["loc"][0] for detail in error.errors() if detail["loc"]}
    try:
        return kind.model_validate(
            {**{k: v for k, v in data.items() if k not in broken}, "id": entity_id, "file": shown}
        )
    except ValidationError:
        return None


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Loading only creates objects that live on; cyclic collection passes over them in vain."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load(data_dir: Path, docs_dir: Path | None = None, root: Path | None = None) -> Dataset:
    """Load, validate and index ``data_dir`` (and check ``docs_dir`` pages); raise on any problem."""
    from .checks import check_dataset
    from .pages import load_pages

    with _collector_paused():
        loaded = load_records(data_dir, root)
    dataset = Dataset(loaded.records, known=loaded.kinds)
    problems = list(loaded.problems)
    problems += check_dataset(dataset, loaded.files)
    salvaged = {i: r for i, r in loaded.partial.items() if r is not None}
    problems += check_dataset(Dataset(salvaged, known=loaded.kinds), loaded.files)
    if docs_dir is not None:
        pages, page_problems = load_pages(docs_dir, dataset, root)
        dataset.pages = pages
        problems += page_problems
    if problems:
        raise DataError(problems)
    return dataset
