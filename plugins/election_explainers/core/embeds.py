"""Embeddable charts: each election's seat and vote charts as standalone SVG files and as bare pages.

An embed page (``embed/<election>/seats/``) is a whole HTML document with the
chart, its legend, a source line and a link back, and nothing else: no theme,
no script, styles of its own inline, so a news article can put it in an
``<iframe>`` of any width. oEmbed consumers find it from the election page's
discovery link and read ``oembed.json`` beside it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from .feeds import absolute
from .models import Election
from .results import primary_set
from .urls import relative_url
from .view import TEMPLATE_FOLDER, View

if TYPE_CHECKING:
    from .publish import DataFile
    from .render import Renderer

CHART_KINDS = {"seats": "seat chart", "votes": "vote chart"}
EMBED_WIDTH = 800
# Ink and font for an SVG read on its own: on a page the chart takes both from its surroundings.
_STANDALONE = 'color="#1f2937" font-family="DejaVu Sans, Verdana, Arial, sans-serif"'


def chart_kinds(election: Election) -> list[str]:
    """The charts an election's page shows (as :class:`View` decides): seats if any were won, votes if any share."""
    result_set = primary_set(election)
    if result_set is None:
        return []
    kinds = []
    if any(row.seats for row in result_set.rows):
        kinds.append("seats")
    if any(row.percent is not None for row in result_set.rows):
        kinds.append("votes")
    return kinds


def embed_folder(election_id: str, kind: str) -> str:
    return f"embed/{election_id}/{kind}/"


def embed_url(election_id: str, kind: str, use_directory_urls: bool) -> str:
    """The embed page's address relative to the site root (always ``…/index.html`` on disk)."""
    folder = embed_folder(election_id, kind)
    return folder if use_directory_urls else folder + "index.html"


def svg_path(election_id: str, kind: str) -> str:
    return f"embed/{election_id}/{kind}.svg"


def oembed_path(election_id: str, kind: str) -> str:
    return embed_folder(election_id, kind) + "oembed.json"


def chart_reads(election: Election) -> frozenset[str]:
    """What a chart shows: the election, and the names and colours of the parties and people in its results."""
    reads = {f"rec:{election.id}"}
    for result_set in election.results:
        reads.update(f"rec:{row.party}" for row in result_set.rows if row.party)
        reads.update(f"rec:{row.person}" for row in result_set.rows if row.person)
    return frozenset(reads)


def embed_height(election: Election, kind: str) -> int:
    """A height for the ``<iframe>`` at :data:`EMBED_WIDTH` that shows the whole chart with its caption."""
    result_set = primary_set(election)
    rows = len(result_set.rows) if result_set else 0
    if kind == "seats":
        return 420 + 32 * ((rows + 2) // 3)
    return 130 + 40 * rows


def iframe(src: str, title: str, height: int) -> str:
    """The snippet an editor pastes into an article; every value escaped for its attribute."""
    return (
        f'<iframe src="{escape(src)}" title="{escape(title)}" width="100%" height="{height}" '
        f'style="border:0;max-width:{EMBED_WIDTH}px" loading="lazy"></iframe>'
    )


@dataclass(frozen=True)
class EmbedLinks:
    kind: str
    label: str  # "seat chart"
    page: str  # relative to the page that links to it
    svg: str
    snippet: str | None  # the <iframe> code, when the site's address is known


def share_links(view: View, election: Election) -> dict[str, Any]:
    """What an election page's "Share and download" block links to, relative to the page."""
    from .downloads import DATA_PAGE, election_download

    renderer = view.renderer
    site_url = renderer.options.site_url
    embeds = []
    for kind in chart_kinds(election) if renderer.options.embeds else []:
        url = embed_url(election.id, kind, renderer.options.use_directory_urls)
        snippet = None
        if site_url:
            title = frame_title(kind, renderer.options.site_name)
            snippet = iframe(absolute(site_url, url), title, embed_height(election, kind))
        embeds.append(
            EmbedLinks(
                kind,
                CHART_KINDS[kind],
                relative_url(url, view.url),
                relative_url(svg_path(election.id, kind), view.url),
                snippet,
            )
        )
    downloads = {}
    if renderer.options.downloads and election.results:
        downloads = {kind: relative_url(election_download(election.id, kind), view.url) for kind in ("csv", "json")}
        downloads["all"] = view.href_path(DATA_PAGE)
    return {"embeds": embeds, "downloads": downloads}


def frame_title(kind: str, site_name: str) -> str:
    """The ``<iframe>``'s accessible name. No data string goes in: the snippet is shown as code to
    copy, where an escaped name would read as entities; the framed page's own title names the election."""
    return f"{CHART_KINDS[kind].capitalize()} from {site_name}"


def chart_title(election: Election, kind: str) -> str:
    return f"{'Seats won' if kind == 'seats' else 'Share of the vote'}: {election.name}"


_SVG_RE = re.compile(r"<svg\b.*?</svg>", re.DOTALL)


def standalone_svg(chart_html: str) -> str:
    """The ``<svg>`` of a chart component as a file of its own, with the ink and font a page would give it."""
    match = _SVG_RE.search(chart_html)
    if match is None:
        return ""
    svg = match.group().replace("<svg ", f"<svg {_STANDALONE} ", 1)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + svg + "\n"


def embed_files(renderer: Renderer, site_name: str) -> Iterator[DataFile]:
    """Every election chart's embed page, standalone SVG and (with a site address) oEmbed JSON."""
    from .publish import DataFile

    site_url = renderer.options.site_url
    for election in renderer.dataset.elections:
        reads = chart_reads(election)
        for kind in chart_kinds(election):
            url = embed_url(election.id, kind, renderer.options.use_directory_urls)

            def chart(election: Election = election, kind: str = kind, url: str = url) -> tuple[View, Markup]:
                view = View(renderer, url, election)
                return view, view.seat_chart(election) if kind == "seats" else view.vote_chart(election)

            def page(election: Election = election, kind: str = kind, chart: Any = chart, url: str = url) -> str:
                view, markup = chart()
                template = renderer.env.get_template(f"{TEMPLATE_FOLDER}/embed.html")
                result_set = primary_set(election)
                return template.render(
                    v=view,
                    election=election,
                    kind=kind,
                    title=chart_title(election, kind),
                    chart=markup,
                    source=result_set.source if result_set else None,
                    site_name=site_name,
                    page_href=view.href(election),
                    oembed=absolute(site_url, oembed_path(election.id, kind)) if site_url else None,
                    canonical=absolute(site_url, url) if site_url else None,
                )

            yield DataFile(embed_folder(election.id, kind) + "index.html", reads, page)
            yield DataFile(svg_path(election.id, kind), reads, lambda chart=chart: standalone_svg(str(chart()[1])))
            if site_url:
                yield DataFile(
                    oembed_path(election.id, kind),
                    reads,
                    lambda election=election, kind=kind, url=url: oembed_json(
                        election, kind, absolute(site_url, url), site_name, site_url
                    ),
                )


def oembed_json(election: Election, kind: str, src: str, site_name: str, site_url: str) -> str:
    """oEmbed 1.0, type "rich": the ``<iframe>`` for the chart at ``src``."""
    height = embed_height(election, kind)
    title = chart_title(election, kind)
    data = {
        "version": "1.0",
        "type": "rich",
        "title": title,
        "provider_name": site_name,
        "provider_url": site_url,
        "html": iframe(src, frame_title(kind, site_name), height),
        "width": EMBED_WIDTH,
        "height": height,
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
