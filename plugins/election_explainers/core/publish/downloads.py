"""The data as downloads: each election's results as CSV and JSON, the whole dataset as JSON and Popolo.

Each format is made in a module of its own: the elections' results in
:mod:`.downloads_results`, the dataset in :mod:`.downloads_dataset`, its Popolo
export in :mod:`.downloads_popolo`. This module lists the files (with what each
reads, so a rebuild knows when to make it again), writes their README and the
``/data/`` page that links to them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..index.tracking import EVERYTHING
from ..render.page_types import RenderedPage
from ..render.share import DATA_PAGE, DOWNLOAD_FOLDER, election_download
from ..render.view import TEMPLATE_FOLDER, View
from .downloads_dataset import dataset_json
from .downloads_popolo import popolo_json
from .downloads_results import election_csv, election_json

if TYPE_CHECKING:
    from ..render.render import Renderer
    from .publish import DataFile

DATASET_JSON = f"{DOWNLOAD_FOLDER}/dataset.json"
POPOLO_JSON = f"{DOWNLOAD_FOLDER}/popolo.json"
README = f"{DOWNLOAD_FOLDER}/README.txt"  # not .md: MkDocs would take it for a page


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
            functools.partial(election_csv, view, election),
        )
        yield DataFile(
            election_download(election.id, "json"),
            frozenset(reads),
            functools.partial(election_json, view, election),
        )
    everything = frozenset({EVERYTHING})
    yield DataFile(DATASET_JSON, everything, lambda: dataset_json(renderer))
    yield DataFile(POPOLO_JSON, everything, lambda: popolo_json(renderer))
    yield DataFile(README, everything, lambda: readme(site_name, licence, renderer.options.site_url))


def data_page(renderer: Renderer, site_name: str, licence: str | None) -> RenderedPage:
    """The HTML of the ``/data/`` page (what can be downloaded, under which licence), and what it read."""
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
