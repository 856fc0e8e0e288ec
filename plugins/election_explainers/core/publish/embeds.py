"""Embeddable charts: each election's seat and vote charts as standalone SVG files and as bare pages.

An embed page (``embed/<election>/seats/``) is a whole HTML document with the
chart, its legend, a source line and a link back, and nothing else: no theme,
no script, styles of its own inline, so a news article can put it in an
``<iframe>`` of any width. oEmbed consumers find ``oembed.json`` from the
discovery link in the embed page's head.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..data.models import Election
from ..index.results import primary_set
from ..render.pages.election import ElectionPage
from ..render.share import (
    EMBED_WIDTH,
    chart_kinds,
    chart_reads,
    chart_title,
    embed_folder,
    embed_height,
    embed_url,
    frame_title,
    iframe,
    oembed_path,
    svg_path,
)
from ..render.urls import absolute
from ..render.view import TEMPLATE_FOLDER, View

if TYPE_CHECKING:
    from ..render.render import Renderer
    from .publish import DataFile

# Ink and font for an SVG read on its own: on a page the chart takes both from its surroundings.
_STANDALONE = 'color="#1f2937" font-family="DejaVu Sans, Verdana, Arial, sans-serif"'


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

    site_url, prefix, words = renderer.options.site_url, renderer.options.prefix, renderer.words
    for election in renderer.dataset.elections:
        reads = chart_reads(election)
        for kind in chart_kinds(election):
            url = embed_url(election.id, kind, renderer.options.use_directory_urls, prefix)

            @functools.cache  # the embed page and the SVG file show the same chart: drawn once
            def chart(election: Election = election, kind: str = kind, url: str = url) -> tuple[View, Markup]:
                view = View(renderer, url, election)
                page = ElectionPage(view)
                return view, page.seat_chart(election) if kind == "seats" else page.vote_chart(election)

            def page(election: Election = election, kind: str = kind, chart: Any = chart, url: str = url) -> str:
                view, markup = chart()
                template = renderer.env.get_template(f"{TEMPLATE_FOLDER}/embed.html")
                result_set = primary_set(election)
                return template.render(
                    v=view,
                    election=election,
                    kind=kind,
                    title=chart_title(words, view.name(election.id), kind),
                    chart=markup,
                    source=result_set.source if result_set else None,
                    site_name=site_name,
                    page_href=view.href(election),
                    oembed=absolute(site_url, oembed_path(election.id, kind, prefix)) if site_url else None,
                    canonical=absolute(site_url, url) if site_url else None,
                )

            yield DataFile(embed_folder(election.id, kind, prefix) + "index.html", reads, page)
            yield DataFile(svg_path(election.id, kind, prefix), reads, functools.partial(_chart_svg, chart))
            if site_url:
                yield DataFile(
                    oembed_path(election.id, kind, prefix),
                    reads,
                    functools.partial(oembed_json, chart, kind, absolute(site_url, url), site_name, site_url),
                )


def _chart_svg(chart: Callable[[], tuple[View, Markup]]) -> str:
    # The chart is drawn once (it is cached) for its embed page and this file.
    return standalone_svg(str(chart()[1]))


def oembed_json(chart: Callable[[], tuple[View, Markup]], kind: str, src: str, site_name: str, site_url: str) -> str:
    """oEmbed 1.0, type "rich": the ``<iframe>`` for the chart at ``src``, in the chart's language."""
    view = chart()[0]
    election, words = view.record, view.renderer.words
    assert isinstance(election, Election)
    height = embed_height(election, kind)
    title = chart_title(words, view.name(election.id), kind)
    data = {
        "version": "1.0",
        "type": "rich",
        "title": title,
        "provider_name": site_name,
        "provider_url": site_url,
        "html": iframe(src, frame_title(words, kind, site_name), height),
        "width": EMBED_WIDTH,
        "height": height,
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
