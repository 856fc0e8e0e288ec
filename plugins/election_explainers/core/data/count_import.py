"""Election night: add one update of the count to an election's file, after the ones before it.

``import-results --kind preliminary --updated T`` does not replace the
preliminary set: the sets are the count's history, and each update is a new
set after the newest (see ``count_checks``).  An update no newer than the
newest is refused, the earlier sets are never touched, and the file keeps its
comments and layout (the same round trip, check and atomic write as
:mod:`.result_yaml`).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedSeq

from .count_checks import Clock, wall_clock
from .models import Election, ResultSet, parse_timestamp
from .problems import DataError, Problem
from .result_figures import Figure
from .result_import import Imported, _plain
from .result_yaml import (
    ImportRefused,
    Outcome,
    _check_in_a_copy,
    _to_yaml,
    _write_atomically,
    election_path,
    read_election_file,
)


@dataclass(frozen=True)
class CountUpdate:
    """What the command line says about this update: when, and how far the count had got."""

    updated: str  # as given (2023-03-19T23:40:00+06:00): written as the editor typed it
    reported: Figure | None = None
    basis: str | None = None

    @property
    def moment(self) -> dt.datetime:
        return parse_timestamp(self.updated)


def parse_reported(text: str) -> Figure:
    """``62.5`` → a percent that keeps its decimals as typed; raises ValueError outside 0-100."""
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a number: give the percent of the count done, such as 62.5") from None
    if not 0 <= value <= 100:
        raise ValueError(f"{text} is not a percent from 0 to 100")
    plain = text.strip()
    return Figure(int(value) if "." not in plain else value, plain)


def with_count(imported: Imported, update: CountUpdate) -> Imported:
    """``imported`` (a preliminary set from a table) with the update's fields, just after ``kind``."""
    count: dict[str, Any] = {"updated": update.updated}
    if update.reported is not None:
        count["reported"] = update.reported
    if update.basis is not None:
        count["basis"] = update.basis
    fields = {"kind": imported.fields["kind"], **count, **{k: v for k, v in imported.fields.items() if k != "kind"}}
    try:
        result_set = ResultSet.model_validate(_plain(fields))
    except ValidationError as error:
        raise DataError([Problem("(command line)", 1, 1, "", str(e["msg"])) for e in error.errors()]) from None
    return Imported(result_set, fields, imported.skipped)


def append_count_update(
    data_dir: Path, election: Election, imported: Imported, *, root: Path | None = None, clock: Clock = wall_clock
) -> Outcome:
    """Put ``imported`` after the election's newest preliminary set; raise if refused or invalid."""
    path, shown = election_path(data_dir, election.id, root)
    new = imported.result_set
    assert new.kind == "preliminary" and new.updated is not None, "with_count gives a dated preliminary set"
    history = [s for s in election.results if s.kind == "preliminary"]
    if any(s.kind == "official" for s in election.results):
        raise ImportRefused(
            f"{shown}: the election already has its official result; an update of the count would come after it. "
            "Nothing was written."
        )
    if history:
        newest = history[-1]
        if newest.updated is None:
            raise ImportRefused(
                f"{shown}: the newest preliminary set has no updated, so this update cannot be placed after it; "
                "add updated to it by hand. Nothing was written."
            )
        if new.updated == newest.updated and new == newest:
            return Outcome("unchanged", shown, len(new.rows))
        if new.updated <= newest.updated:
            same = "is as old as" if new.updated == newest.updated else "is older than"
            raise ImportRefused(
                f"{shown}: this update ({new.updated.isoformat()}) {same} the newest preliminary set "
                f"({newest.updated.isoformat()}); the count's history only grows. Nothing was written."
            )
    raw, newline, yaml, document = read_election_file(path, shown)
    fields = _to_yaml(imported.fields)
    fields["updated"] = YAML().load(imported.fields["updated"])  # a timestamp, unquoted, as the editor typed it
    results = document.get("results")
    if results is None:
        results = document["results"] = CommentedSeq()
    if not isinstance(results, CommentedSeq):
        raise ImportRefused(f"{shown}: results is not a list of result sets")
    results.fa.set_block_style()
    last = max((i for i, s in enumerate(results) if isinstance(s, dict) and s.get("kind") == "preliminary"), default=-1)
    results.insert(last + 1 if last >= 0 else len(results), fields)
    out = io.StringIO()
    yaml.dump(document, out)
    new_text = out.getvalue()
    _check_in_a_copy(data_dir, path, new_text, root, clock)
    _write_atomically(
        path, new_text.replace("\n", newline) if newline != "\n" else new_text, bom=raw[:3] == b"\xef\xbb\xbf"
    )
    return Outcome("added", shown, len(new.rows))
