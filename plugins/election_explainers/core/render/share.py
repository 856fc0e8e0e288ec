"""What an election page's "Share and download" block links to: its charts' embed pages, SVG
files and ``<iframe>`` snippets, and its results as files.

The addresses live here, below the view, so the page can link what :mod:`.embeds` and
:mod:`.downloads` write without the view depending on how they write it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import escape

from ..data.models import Election
from ..index.results import primary_set
from .options import RenderOptions
from .urls import absolute, page_url, relative_url

if TYPE_CHECKING:
    from .i18n import Translator

DOWNLOAD_FOLDER = "data"
DATA_PAGE = f"{DOWNLOAD_FOLDER}/index.md"


def election_download(election_id: str, kind: str) -> str:
    return f"{DOWNLOAD_FOLDER}/elections/{election_id}.{kind}"


EMBED_WIDTH = 800


def chart_kinds(election: Election) -> list[str]:
    """The charts an election's page shows (as the election page decides): seats if any were won, votes if any share."""
    result_set = primary_set(election)
    if result_set is None:
        return []
    kinds = []
    if any(row.seats for row in result_set.rows):
        kinds.append("seats")
    if any(row.percent is not None for row in result_set.rows):
        kinds.append("votes")
    return kinds


# Each language has its own charts, under its folder: ``ru/embed/<election>/seats/``.


def embed_folder(election_id: str, kind: str, prefix: str = "") -> str:
    return f"{prefix}embed/{election_id}/{kind}/"


def embed_url(election_id: str, kind: str, use_directory_urls: bool, prefix: str = "") -> str:
    """The embed page's address relative to the site root (always ``…/index.html`` on disk)."""
    folder = embed_folder(election_id, kind, prefix)
    return folder if use_directory_urls else folder + "index.html"


def svg_path(election_id: str, kind: str, prefix: str = "") -> str:
    return f"{prefix}embed/{election_id}/{kind}.svg"


def oembed_path(election_id: str, kind: str, prefix: str = "") -> str:
    return embed_folder(election_id, kind, prefix) + "oembed.json"


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
    kind: str  # "seats" or "votes"
    page: str  # relative to the page that links to it
    svg: str
    snippet: str | None  # the <iframe> code, when the site's address is known


def share_links(options: RenderOptions, words: Translator, election: Election, page: str) -> dict[str, Any]:
    """What an election page's "Share and download" block links to, relative to the page (its URL):
    the charts in the page's language, the downloads (one set, with names in every language)."""
    site_url, prefix = options.site_url, options.prefix
    embeds = []
    for kind in chart_kinds(election) if options.embeds else []:
        url = embed_url(election.id, kind, options.use_directory_urls, prefix)
        snippet = None
        if site_url:
            title = frame_title(words, kind, options.site_name)
            snippet = iframe(absolute(site_url, url), title, embed_height(election, kind))
        embeds.append(
            EmbedLinks(
                kind,
                relative_url(url, page),
                relative_url(svg_path(election.id, kind, prefix), page),
                snippet,
            )
        )
    downloads = {}
    if options.downloads and election.results:
        downloads = {kind: relative_url(election_download(election.id, kind), page) for kind in ("csv", "json")}
        downloads["all"] = relative_url(page_url(DATA_PAGE, options.use_directory_urls), page)
    return {"embeds": embeds, "downloads": downloads}


def frame_title(words: Translator, kind: str, site_name: str) -> str:
    """The ``<iframe>``'s accessible name. No data string goes in: the snippet is shown as code to
    copy, where an escaped name would read as entities; the framed page's own title names the election."""
    if kind == "seats":
        return words.gettext("Seat chart from %(site)s", site=site_name)
    return words.gettext("Vote chart from %(site)s", site=site_name)


def chart_title(words: Translator, election_name: str, kind: str) -> str:
    if kind == "seats":
        return words.gettext("Seats won: %(election)s", election=election_name)
    return words.gettext("Share of the vote: %(election)s", election=election_name)
