"""Each election's results as downloads: a CSV file and a JSON file, one row per party, person or option
of each result set, names as they were on the election's day.

CSV is written for spreadsheets: UTF-8 with a byte-order mark (so Excel reads
Cyrillic names right). A text cell that a spreadsheet would take for a formula
(it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is
written with a leading apostrophe, which spreadsheets show as text: a data
string stays text wherever it lands.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from ..data.models import Election, ResultSet
from ..index.counting import count_status, describe_count, is_provisional
from ..index.results import choice_key, primary_set
from ..render.view import View
from .downloads_json import json_text, yaml_fields

ROW_COLUMNS = ("choice_type", "choice_id", "name", "party_id", "party", "votes", "percent", "seats")
"""What one result row gives, in the CSV (after the election's columns) and in the JSON."""
# tier "all" marks the national totals over every tier of a mixed election (the page's main table).
SET_COLUMNS = ("tier", "area", "round")
CSV_COLUMNS = (
    "election_id", "election", "election_date", "result_set", "pollster", "result_date", "result_updated",
    "provisional", *SET_COLUMNS, *ROW_COLUMNS,
)  # fmt: skip
ALL_TIERS = "all"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: str) -> str:
    """A text cell a spreadsheet shows as text, never runs as a formula."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def result_rows(view: View, election: Election) -> list[dict[str, Any]]:
    """Every row of every result set, names as of the election's day; the primary set first."""
    primary = primary_set(election)
    ordered = [primary, *(s for s in election.results if s is not primary)] if primary else []
    rows = []
    for result_set in ordered:
        tier = ALL_TIERS if _is_total(election, result_set) else result_set.tier
        for row in result_set.rows:
            kind, _, choice = choice_key(row).partition(":")
            rows.append(
                {
                    "election_id": election.id,
                    "election": election.name,
                    "election_date": election.date.iso(),
                    "result_set": result_set.kind,
                    "pollster": result_set.pollster,
                    "result_date": result_set.date.iso() if result_set.date else None,
                    # Election night: each update of the count is a set of its own, told apart by this.
                    "result_updated": result_set.updated.isoformat() if result_set.updated else None,
                    "tier": tier,
                    "area": result_set.area,
                    "round": result_set.round,
                    # Counting: every figure of the election may still change (the marks on its pages).
                    "provisional": "yes" if is_provisional(election) else "no",
                    "set": result_set,  # which set, for the JSON (not a column)
                    "choice_type": kind,
                    "choice_id": choice if kind not in ("option", "alliance") else None,
                    "name": row.alliance.name if row.alliance else view.row_label(row, election.date),
                    "party_id": row.party,
                    "party": view.name(row.party, election.date) if row.party else None,
                    "votes": row.votes,
                    "percent": row.percent,
                    "seats": row.seats,
                }
            )
    return rows


def _is_total(election: Election, result_set: ResultSet) -> bool:
    """The national totals of a mixed election: made from its tiers' sets, not one of them."""
    return bool(election.tiers) and all(result_set is not s for s in election.results)


def election_csv(view: View, election: Election) -> str:
    """The election's results CSV."""
    return results_csv(result_rows(view, election))


def election_json(view: View, election: Election) -> str:
    """The election's results JSON."""
    return results_json(view, election, result_rows(view, election))


def results_csv(rows: list[dict[str, Any]]) -> str:
    """The rows as CSV with a byte-order mark; text cells made safe for spreadsheets."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow(
            [
                "" if value is None else spreadsheet_text(value) if isinstance(value, str) else _number(value)
                for value in (row[column] for column in CSV_COLUMNS)
            ]
        )
    return "\ufeff" + out.getvalue()


def _number(value: float | int) -> str:
    return str(value) if isinstance(value, int) else f"{value:g}" if value == int(value) else repr(value)


def results_json(view: View, election: Election, rows: list[dict[str, Any]]) -> str:
    country = view.country_of(election)
    data = {
        "election": {
            "id": election.id,
            "name": election.name,
            "date": election.date.iso(),
            "type": election.type,
            "status": election.status,
            "provisional": is_provisional(election),
            **({"count": describe_count(count)} if (count := count_status(election)) else {}),
            "country": {"id": election.country, "name": country.name if country else None},
            "chamber": election.chamber,
            "seats": election.seats,
            "threshold": election.threshold,
            "registered_voters": election.registered_voters,
            "votes_cast": election.votes_cast,
            "turnout": election.turnout,
        },
        "result_sets": [
            {
                "kind": result_set.kind,
                "pollster": result_set.pollster,
                "date": result_set.date.iso() if result_set.date else None,
                "tier": tier,
                "area": result_set.area,
                "round": result_set.round,
                "turnout": result_set.turnout,
                "source": yaml_fields(result_set.source) if result_set.source else None,
                **_count_fields(result_set),
                "rows": [
                    {key: row[key] for key in ROW_COLUMNS}
                    for row in rows
                    if (
                        row["result_set"],
                        row["pollster"],
                        row["tier"],
                        row["area"],
                        row["round"],
                        row["result_updated"],
                    )
                    == (
                        result_set.kind,
                        result_set.pollster,
                        tier,
                        result_set.area,
                        result_set.round,
                        result_set.updated.isoformat() if result_set.updated else None,
                    )
                ],
            }
            for result_set, tier in _sets_with_tiers(election)
        ],
    }
    return json_text(data)


def _count_fields(result_set: ResultSet) -> dict[str, Any]:
    """An update of the count says when, and how far it had got (only such sets have these)."""
    fields = {
        "updated": result_set.updated.isoformat() if result_set.updated else None,
        "reported": result_set.reported,
        "basis": result_set.basis,
    }
    return {key: value for key, value in fields.items() if value is not None}


def _sets_with_tiers(election: Election) -> list[tuple[ResultSet, str | None]]:
    """The election's own sets with their tiers; a mixed election's national totals first, as tier "all"."""
    primary = primary_set(election)
    total = [(primary, ALL_TIERS)] if primary is not None and _is_total(election, primary) else []
    return [*total, *((s, s.tier) for s in election.results)]
