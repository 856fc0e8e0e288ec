"""Open Graph and Twitter card tags: what a social network shows when a page is shared.

The tags go into the page's ``<head>`` after the theme has made it (the plugin
does this at ``on_post_page``), so they work with any theme and any overrides.
Every value is escaped for its attribute; every address is absolute, as the
protocols require.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import escape

from ..render.urls import absolute
from .cards import HEIGHT, WIDTH


@dataclass(frozen=True)
class SocialPage:
    title: str
    description: str
    url: str  # absolute: the page's canonical address
    site_name: str
    article: bool = False  # a story; other pages are "website"
    image: str | None = None  # absolute address of the card
    image_alt: str = ""
    image_type: str = "image/png"  # a drawn card; a photo card (photo_cards.py) is a JPEG


def social_tags(page: SocialPage) -> str:
    tags = [
        ("property", "og:type", "article" if page.article else "website"),
        ("property", "og:site_name", page.site_name),
        ("property", "og:title", page.title),
        ("property", "og:description", page.description),
        ("property", "og:url", page.url),
    ]
    if page.image:
        tags += [
            ("property", "og:image", page.image),
            ("property", "og:image:type", page.image_type),
            ("property", "og:image:width", str(WIDTH)),
            ("property", "og:image:height", str(HEIGHT)),
            ("property", "og:image:alt", page.image_alt),
            ("name", "twitter:card", "summary_large_image"),
            ("name", "twitter:image", page.image),
            ("name", "twitter:image:alt", page.image_alt),
        ]
    else:
        tags.append(("name", "twitter:card", "summary"))
    tags += [("name", "twitter:title", page.title), ("name", "twitter:description", page.description)]
    return "".join(f'<meta {attribute}="{name}" content="{escape(value)}">' for attribute, name, value in tags)


def insert_in_head(html: str, tags: str) -> str:
    """``tags`` at the end of ``<head>``; a page without one is left as it is."""
    if not tags or "</head>" not in html:
        return html
    return html.replace("</head>", tags + "</head>", 1)


def page_address(site_url: str, url: str) -> str:
    return absolute(site_url, url)
