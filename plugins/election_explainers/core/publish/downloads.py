"""The data as downloads: each election's results as CSV and JSON, the whole dataset as JSON and Popolo.

CSV is written for spreadsheets: UTF-8 with a byte-order mark (so Excel reads
Cyrillic names right), one row per party, person or option of each result set,
names as they were on the election's day. A text cell that a spreadsheet
would take for a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return) is written with a leading apostrophe, which spreadsheets
show as text: a data string stays text wherever it lands.

The Popolo export (persons, organizations, memberships, events) follows the
shape civic-tech tools read; everything here is made from the same records as
the pages.

Downloads carry data, not markup: a Markdown field (a summary, a story's body, an
event's text) is the text a reader sees on the page, rendered and sanitized as
there, then without its tags (``[[id]]`` links are their text, entities are read,
paragraphs are apart by a blank line). Every other text field is the editor's
string as it is, which the page shows as it is too.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from ..data.models import Election, Record, ResultSet
from ..index.counting import count_status, describe_count, is_provisional
from ..index.results import choice_key, primary_set
from ..index.tracking import EVERYTHING
from ..render.markdown_html import sanitize
from ..render.plain_text import html_text
from ..render.share import DATA_PAGE, DOWNLOAD_FOLDER, election_download
from ..render.view import TEMPLATE_FOLDER, View

if TYPE_CHECKING:
    from ..render.render import RenderedPage, Renderer
    from .publish import DataFile

DATASET_JSON = f"{DOWNLOAD_FOLDER}/dataset.json"
POPOLO_JSON = f"{DOWNLOAD_FOLDER}/popolo.json"
README = f"{DOWNLOAD_FOLDER}/README.txt"  # not .md: MkDocs would take it for a page
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


def _results_csv(view: View, election: Election) -> str:
    return results_csv(result_rows(view, election))


def _results_json(view: View, election: Election) -> str:
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
                "source": _dump(result_set.source) if result_set.source else None,
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
    return _json(data)


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


def _dump(model: Any) -> Any:
    return model.model_dump(mode="json", exclude_none=True, exclude_defaults=True)


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


# -- the whole dataset ------------------------------------------------------------------------------


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
    return _plain(model, _dump(model), text_of)


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


def popolo_json(renderer: Renderer) -> str:
    """Popolo's four lists: people, parties and chambers as organizations, party roles as memberships,
    elections as events."""
    dataset = renderer.dataset

    def names(record: Record) -> list[dict[str, Any]]:
        return [
            {
                "name": other.name,
                **({"start_date": other.start_date.iso()} if other.start_date else {}),
                **({"end_date": other.end_date.iso()} if other.end_date else {}),
                **({"note": other.note} if other.note else {}),
            }
            for other in record.other_names
        ]

    persons = [
        {
            "id": person.id,
            "name": person.name,
            **({"other_names": names(person)} if person.other_names else {}),
            **({"birth_date": person.birth_date.iso()} if person.birth_date else {}),
            **({"area_id": person.country} if person.country else {}),
        }
        for person in dataset.people
    ]
    organizations: list[dict[str, Any]] = []
    for country in dataset.countries:
        organizations += [
            {
                "id": f"{country.id}-{chamber.id}",
                "name": chamber.name,
                "classification": "legislature",
                "area_id": country.id,
                **({"seats": chamber.seats} if chamber.seats else {}),
            }
            for chamber in country.chambers
        ]
    organizations += [
        {
            "id": party.id,
            "name": party.name,
            "classification": "party",
            **({"other_names": names(party)} if party.other_names else {}),
            **({"founding_date": party.founded.iso()} if party.founded else {}),
            **({"dissolution_date": party.dissolved.iso()} if party.dissolved else {}),
            **({"area_id": party.country} if party.country else {}),
            **({"color": party.colour} if party.colour else {}),
        }
        for party in dataset.parties
    ]
    memberships: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str | None, str | None]] = set()

    def member(person: str, party: str, role: str | None, start: Any, end: Any) -> None:
        key = (person, party, start.iso() if start else None, role)
        if key in seen or dataset.get(person) is None:
            return
        seen.add(key)
        memberships.append(
            {
                "id": f"{person}--{party}-{len(memberships) + 1}",
                "person_id": person,
                "organization_id": party,
                **({"role": role} if role else {}),
                **({"start_date": start.iso()} if start else {}),
                **({"end_date": end.iso()} if end else {}),
            }
        )

    for party in dataset.parties:
        for leader in party.leaders:
            member(leader.person, party.id, leader.role or "Leader", leader.start_date, leader.end_date)
    for person in dataset.people:
        for role in person.roles:
            if role.party:
                member(person.id, role.party, role.title, role.start_date, role.end_date)
    events = [
        {
            "id": election.id,
            "name": election.name,
            "classification": "election",
            "start_date": election.date.iso(),
            **({"organization_id": f"{election.country}-{election.chamber}"} if election.chamber else {}),
            "area_id": election.country,
        }
        for election in dataset.elections
    ]
    areas = [{"id": c.id, "name": c.name, "classification": "country"} for c in dataset.countries]
    return _json(
        {
            "persons": persons,
            "organizations": organizations,
            "memberships": memberships,
            "events": events,
            "areas": areas,
        }
    )


def readme(site_name: str, licence: str | None, site_url: str) -> str:
    """The README of ``data/``: what the files are and the licence the site's owner gives them."""
    stated = licence.strip() if licence and licence.strip() else None
    lines = [
        f"# {site_name}: the data",
        "",
        f"Licence: {stated}" if stated else "Licence: none stated; ask the publisher before reusing the data.",
        "",
        "- `dataset.json`: every country, party, person, election and story, with the fields of the data format;",
        "  Markdown fields (summaries, story bodies, event texts) as the plain text the site's pages show.",
        "- `popolo.json`: the same as Popolo (persons, organizations, memberships, events, areas).",
        "- `elections/<id>.csv` and `elections/<id>.json`: each election's result sets, one row per party, person",
        "  or option, with the names as they were on the election's day. The CSV is UTF-8 with a byte-order mark;",
        "  a text cell that starts with = + - or @ begins with an apostrophe so that spreadsheets keep it as text.",
    ]
    if site_url:
        lines += ["", f"Published at {site_url}"]
    return "\n".join(lines) + "\n"


def download_files(renderer: Renderer, site_name: str, licence: str | None) -> Iterator[DataFile]:
    """Each election's CSV and JSON, the dataset, its Popolo export and the README."""
    from .publish import DataFile

    for election in renderer.dataset.elections:
        if not election.results:
            continue
        view = View(renderer, "", election)
        reads = {f"rec:{election.id}", f"rec:{election.country}"}
        for result_set in election.results:
            reads.update(f"rec:{row.party}" for row in result_set.rows if row.party)
            reads.update(f"rec:{row.person}" for row in result_set.rows if row.person)
        yield DataFile(
            election_download(election.id, "csv"),
            frozenset(reads),
            functools.partial(_results_csv, view, election),
        )
        yield DataFile(
            election_download(election.id, "json"),
            frozenset(reads),
            functools.partial(_results_json, view, election),
        )
    everything = frozenset({EVERYTHING})
    yield DataFile(DATASET_JSON, everything, lambda: dataset_json(renderer))
    yield DataFile(POPOLO_JSON, everything, lambda: popolo_json(renderer))
    yield DataFile(README, everything, lambda: readme(site_name, licence, renderer.options.site_url))


def data_page(renderer: Renderer, site_name: str, licence: str | None) -> RenderedPage:
    """The HTML of the ``/data/`` page (what can be downloaded, under which licence), and what it read."""
    from ..render.render import RenderedPage

    url = renderer.url_of_path(DATA_PAGE)
    view = View(renderer, url, None)
    elections = [e for e in reversed(view.dataset.elections) if e.results]
    template = renderer.env.get_template(f"{TEMPLATE_FOLDER}/data.html")
    html = template.render(
        v=view,
        **view.context(),
        site_name=site_name,
        licence=licence.strip() if licence and licence.strip() else None,
        files={
            "dataset": view.href_path(DATASET_JSON, page=False),
            "popolo": view.href_path(POPOLO_JSON, page=False),
            "readme": view.href_path(README, page=False),
        },
        elections=[
            (
                e,
                view.href_path(election_download(e.id, "csv"), page=False),
                view.href_path(election_download(e.id, "json"), page=False),
            )
            for e in elections
        ],
    )
    return RenderedPage(html, tuple(view.headings), frozenset(view.reads))
