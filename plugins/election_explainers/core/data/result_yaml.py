"""Write an imported result set into the election's YAML file, keeping everything else as it was.

ruamel.yaml's round trip keeps the editors' comments, key order, quoting and
block text; only the result set changes. The new file is checked with the
normal loader (on a copy of the data folder) before it replaces the old one,
and it replaces it in one step, so the data is never half-written or invalid.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from .count_checks import Clock, wall_clock
from .dates import PartialDate
from .files import display_path
from .loader import entity_files, load
from .models import Election, ResultSet, Row
from .problems import DataError, Problem
from .result_figures import Figure
from .result_import import Imported

_METADATA = (
    "tier",
    "area",
    "round",
    "pollster",
    "source",
    "date",
)  # a set's fields besides kind and rows, in the order they are written


class ImportRefused(Exception):
    """The import would overwrite figures, or cannot be placed; nothing was written."""


@dataclass(frozen=True)
class Outcome:
    status: str  # "added", "replaced" or "unchanged"
    file: str  # the election's file, as shown
    rows: int


# (mapping indent, sequence indent, dash offset): the house layout first, then others editors use.
_LAYOUTS = ((2, 4, 2), (2, 2, 0), (4, 4, 0), (4, 6, 4), (4, 4, 2))


def round_trip_yaml(layout: tuple[int, int, int] = _LAYOUTS[0]) -> YAML:
    """A round-trip YAML in ``layout`` (the house layout: list dashes indented by two), never folding lines."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never fold a long line the editor wrote on one
    mapping, sequence, offset = layout
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def load_keeping_layout(text: str) -> tuple[YAML, Any]:
    """The document, and a YAML that writes it back unchanged: the file's own indentation, not ours."""
    for layout in _LAYOUTS:
        yaml = round_trip_yaml(layout)
        document = yaml.load(text)
        out = io.StringIO()
        yaml.dump(document, out)
        if out.getvalue() == text:
            return yaml, document
    yaml = round_trip_yaml()  # an unusual layout: the edit re-indents it in the house style
    return yaml, yaml.load(text)


def read_election_file(path: Path, shown: str) -> tuple[bytes, str, YAML, CommentedMap]:
    """An election file's bytes, its line ending, and its document as ruamel keeps it (comments, layout)."""
    raw = path.read_bytes()
    newline = "\r\n" if b"\r\n" in raw else "\n"
    yaml, document = load_keeping_layout(raw.decode("utf-8-sig").replace("\r\n", "\n"))
    if not isinstance(document, CommentedMap):
        raise ImportRefused(f"{shown}: the file is not a mapping of fields")
    return raw, newline, yaml, document


def election_path(data_dir: Path, election_id: str, root: Path | None = None) -> tuple[Path, str]:
    found, _ = entity_files(data_dir, root)
    for kind, entry, shown in found:
        if kind is Election and entry.name.rsplit(".", 1)[0] == election_id:
            return entry.path, shown
    raise ImportRefused(f"no file for the election '{election_id}' in {display_path(data_dir, root)}")


def apply_result_set(
    data_dir: Path, election: Election, imported: Imported, *, replace: bool, root: Path | None = None
) -> Outcome:
    """Add (or with ``replace``, overwrite) ``imported`` in the election's file; raise if refused or invalid."""
    path, shown = election_path(data_dir, election.id, root)
    new = imported.result_set
    given = [key for key in _METADATA if key in imported.fields]
    # One set per kind and place (tier, area, round): an import replaces only the set of its own place.
    same_kind = [index for index, existing in enumerate(election.results) if _place(existing) == _place(new)]
    if len(same_kind) > 1:
        raise ImportRefused(
            f"{shown}: the election has {len(same_kind)} {_described(new)} result sets; edit them by hand, "
            "or keep one before importing"
        )
    if same_kind:
        existing = election.results[same_kind[0]]
        differences = _differences(existing, new, given)
        if not differences:
            return Outcome("unchanged", shown, len(new.rows))
        if not replace:
            listed = "\n".join(f"  {line}" for line in differences[:10])
            more = f"\n  ... and {len(differences) - 10} more" if len(differences) > 10 else ""
            raise ImportRefused(
                f"{shown} already has a different {_described(new)} result set:\n{listed}{more}\n"
                "Nothing was written; run again with --replace to overwrite it."
            )
    raw, newline, yaml, document = read_election_file(path, shown)
    fields = _to_yaml(imported.fields)
    results = document.get("results")
    if results is None:
        results = document["results"] = CommentedSeq()
    if isinstance(results, CommentedSeq):
        results.fa.set_block_style()  # "results: []" grows into a list, one set below another
    position = next((i for i, s in enumerate(results) if isinstance(s, dict) and _yaml_place(s) == _place(new)), None)
    if position is None:
        results.append(fields)
    else:
        _overwrite(results[position], fields, given)
    out = io.StringIO()
    yaml.dump(document, out)
    new_text = out.getvalue()
    _check_in_a_copy(data_dir, path, new_text, root)
    _write_atomically(
        path, new_text.replace("\n", newline) if newline != "\n" else new_text, bom=raw[:3] == b"\xef\xbb\xbf"
    )
    return Outcome("added" if position is None else "replaced", shown, len(new.rows))


def _place(result_set: ResultSet) -> tuple[str, str | None, str | None, int | None]:
    return (result_set.kind, result_set.tier, result_set.area, result_set.round)


def _yaml_place(fields: dict[str, Any]) -> tuple[Any, ...]:
    return (fields.get("kind"), fields.get("tier"), fields.get("area"), fields.get("round"))


def _described(result_set: ResultSet) -> str:
    """``official`` or, for a set of one place, ``official (tier list, area almaty-city, round 2)``."""
    place = [
        f"{key} {value}"
        for key, value in zip(("tier", "area", "round"), _place(result_set)[1:], strict=True)
        if value is not None
    ]
    return f"{result_set.kind} ({', '.join(place)})" if place else result_set.kind


def _overwrite(existing: CommentedMap, fields: CommentedMap, given: list[str]) -> None:
    """New rows and the metadata given on the command line; other keys (and comments) stay."""
    existing["rows"] = fields["rows"]
    for key in given:
        if key in existing:
            existing[key] = fields[key]
        else:
            existing.insert(list(existing).index("rows"), key, fields[key])


def _differences(old: ResultSet, new: ResultSet, given: list[str]) -> list[str]:
    """What the import would change, one line each, for the editor deciding on --replace."""
    lines = [
        f"{key}: {_shown(getattr(old, key))} -> {_shown(getattr(new, key))}"
        for key in given
        if getattr(old, key) != getattr(new, key)
    ]
    old_rows = {_row_key(row): row for row in old.rows}
    new_rows = {_row_key(row): row for row in new.rows}
    for key, row in new_rows.items():
        before = old_rows.get(key)
        if before is None:
            lines.append(f"{key}: new row")
            continue
        for figure in ("votes", "percent", "seats"):
            if getattr(before, figure) != getattr(row, figure):
                lines.append(f"{key}: {figure} {_shown(getattr(before, figure))} -> {_shown(getattr(row, figure))}")
    lines += [f"{key}: row removed" for key in old_rows if key not in new_rows]
    if not lines and [_row_key(r) for r in old.rows] != [_row_key(r) for r in new.rows]:
        lines.append("the rows are in another order")
    return lines


def _row_key(row: Row) -> str:
    return row.person or row.party or f"option {row.option!r}"


def _shown(value: Any) -> str:
    if value is None:
        return "(none)"
    if hasattr(value, "model_dump"):
        return ", ".join(f"{k}={v}" for k, v in value.model_dump(exclude_none=True).items())
    return str(value)


# ----------------------------------------------------------------------------- to YAML


def _to_yaml(value: Any) -> Any:
    """Imported fields as ruamel values that dump the way an editor would write them."""
    if isinstance(value, Figure):
        if isinstance(value.value, float):
            return YAML().load(value.text)  # a float that keeps the decimals the table showed ("9.10")
        return value.value
    if isinstance(value, dict):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = _date(item) if key == "date" else _to_yaml(item)
        return mapping
    if isinstance(value, list):
        return CommentedSeq(_to_yaml(item) for item in value)
    if isinstance(value, str):
        return _text(value)
    return value


def _date(value: Any) -> Any:
    """A date written plainly: ``2021-01-12``, ``2021-01`` or ``2021``, never in quotes."""
    date = PartialDate.parse(value)
    if date.day:
        return dt.date(date.year, date.month or 1, date.day)
    return date.year if date.month is None else date.iso()


def _text(value: str) -> str:
    """Plain when both YAML readers take it as this text, else in double quotes ("Yes", "a: b", "#1")."""
    out = io.StringIO()
    probe = YAML()
    probe.width = 1_000_000
    probe.dump({"k": value}, out)
    plain = out.getvalue()[3:].rstrip("\n")
    try:
        pyyaml_reads = pyyaml.safe_load(f"k: {value}")
    except pyyaml.YAMLError:
        pyyaml_reads = None
    if plain == value and "\n" not in value and pyyaml_reads == {"k": value}:
        return value
    return DoubleQuotedScalarString(value)


# ----------------------------------------------------------------------------- check and write


def _check_in_a_copy(data_dir: Path, path: Path, new_text: str, root: Path | None, clock: Clock = wall_clock) -> None:
    """Load the whole data folder with the new file in it; raise with every problem if it fails."""
    with tempfile.TemporaryDirectory(prefix="explainers-import-") as folder:
        copy = Path(folder) / "data"
        shutil.copytree(data_dir, copy, symlinks=True)
        (copy / path.resolve().relative_to(data_dir.resolve())).write_text(new_text, encoding="utf-8")
        try:
            load(copy, root=Path(folder), clock=clock)
        except DataError as error:
            shown_data = display_path(data_dir, root)
            raise DataError(
                [
                    Problem(
                        shown_data + p.file.removeprefix("data"),
                        p.line,
                        p.column,
                        p.field,
                        p.message + " (after the import)",
                    )
                    for p in error.problems
                ]
            ) from None


def _write_atomically(path: Path, text: str, *, bom: bool) -> None:
    """A temporary dot-file beside ``path`` (the loader skips dot-files), then one rename over it."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, stat.S_IMODE(path.stat().st_mode))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
