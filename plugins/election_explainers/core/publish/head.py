"""What the plugin adds to a page's ``<head>`` after the theme made it: feed discovery and sharing tags.

Added after the theme, so they work with any theme and any overrides; every
value is escaped for its attribute and every address is absolute.
"""

from __future__ import annotations

from collections.abc import Collection

from markupsafe import escape

from ..render.page_types import PageSource
from ..render.render import Renderer
from ..render.urls import absolute
from ..render.view import text_in
from .cards import SHARED_KINDS, card_alt, card_path
from .photo_cards import MIME as PHOTO_CARD_MIME
from .photo_cards import photo_card_path
from .publish import feed_countries
from .social import SocialPage, social_tags

FEED_KINDS = (("application/atom+xml", "atom.xml"), ("application/feed+json", "feed.json"))


def head_links(
    renderer: Renderer,
    source: PageSource | None,
    page_url: str,
    cards: Collection[str],
    has_open_graph: bool,
) -> str:
    """The feeds a page advertises and, for an election, party, country or story page, its sharing tags."""
    return sharing_tags(renderer, source, page_url, cards, has_open_graph) + feed_links(renderer, source)


def feed_links(renderer: Renderer, source: PageSource | None) -> str:
    """The site's feed and, on an entity's pages, its countries' feeds.

    rel="alternate feed" (both registered link types): Material's script fetches a
    sitemap.xml beside every link[rel=alternate] (an exact match, meant for language versions),
    which for a feed is a failed request on every page; a two-word rel is not matched.
    """
    site_url, site_name = renderer.options.site_url, renderer.options.site_name
    prefix = renderer.options.prefix  # a page in another language advertises that language's feeds
    feeds = [(site_name, f"{prefix}feeds")]
    if source is not None and source.record is not None:
        feeds += [
            (f"{site_name}: {country.name}", f"{prefix}feeds/{country.id}")
            for country in feed_countries(renderer, source.record)
        ]
    return "".join(
        f'<link rel="alternate feed" type="{kind}" title="{escape(title)}" '
        f'href="{escape(absolute(site_url, f"{folder}/{name}"))}">'
        for title, folder in feeds
        for kind, name in FEED_KINDS
    )


def sharing_tags(
    renderer: Renderer, source: PageSource | None, page_url: str, cards: Collection[str], has_open_graph: bool
) -> str:
    """Open Graph and Twitter card tags; a theme or plugin that already writes Open Graph tags keeps its own.

    oEmbed discovery sits on each chart's own embed page, not here: Material's script fetches a
    sitemap.xml beside every link[rel=alternate] of a page it runs on (a failed request).
    """
    record = source.record if source is not None else None
    if source is None or record is None or record.kind not in SHARED_KINDS or has_open_graph:
        return ""
    site_url = renderer.options.site_url
    prefix = renderer.options.prefix  # a page in another language shares that language's card
    image, image_type = card_path(record.folder, record.id, prefix), "image/png"
    image_alt = card_alt(renderer.words, record, source.title)
    photo = photo_card_path(record, prefix)
    if photo in cards and record.image is not None:  # the record's own image, the headline over it
        alt = text_in(record.image.alt, renderer.options.language)  # alt text may be given per language
        image, image_type, image_alt = photo, PHOTO_CARD_MIME, alt
    return social_tags(
        SocialPage(
            title=source.title,  # the page's own title (a party's name as of the site's date)
            description=source.description or source.title,
            url=absolute(site_url, page_url),
            site_name=renderer.options.site_name,
            article=record.kind == "story",
            image=absolute(site_url, image) if image in cards else None,
            image_alt=image_alt,
            image_type=image_type,
        )
    )
