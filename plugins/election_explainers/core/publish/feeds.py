"""Atom and JSON Feed of stories, with absolute URLs from the site's address."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from ..data.dates import PartialDate

ATOM = "http://www.w3.org/2005/Atom"
MEDIA = "http://search.yahoo.com/mrss/"  # Media RSS: where feed readers look for an entry's picture


@dataclass(frozen=True)
class FeedImage:
    url: str  # absolute
    mime: str
    width: int
    height: int


@dataclass(frozen=True)
class FeedEntry:
    id: str  # stable: the entry's URL on this site, or a tag URI
    url: str  # absolute
    title: str
    date: PartialDate
    summary_html: str | None
    author: str | None
    tags: tuple[str, ...] = ()
    external: bool = False
    image: FeedImage | None = None  # the story's picture


@dataclass(frozen=True)
class Feed:
    title: str
    home_url: str  # absolute
    atom_url: str  # absolute
    json_url: str  # absolute
    author: str
    entries: Sequence[FeedEntry]


def _timestamp(date: PartialDate) -> str:
    return date.first_day().isoformat() + "T00:00:00Z"


def atom(feed: Feed) -> str:
    ET.register_namespace("", ATOM)
    ET.register_namespace("media", MEDIA)
    root = ET.Element(f"{{{ATOM}}}feed")

    def add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        if text is not None:
            element.text = text
        return element

    add(root, "id", feed.atom_url)
    add(root, "title", feed.title)
    newest = max((e.date for e in feed.entries), default=None)
    add(root, "updated", _timestamp(newest) if newest else "1970-01-01T00:00:00Z")
    add(root, "link", rel="self", type="application/atom+xml", href=feed.atom_url)
    add(root, "link", rel="alternate", type="text/html", href=feed.home_url)
    author = add(root, "author")
    add(author, "name", feed.author)
    for entry in feed.entries:
        element = add(root, "entry")
        add(element, "id", entry.id)
        add(element, "title", entry.title)
        add(element, "updated", _timestamp(entry.date))
        add(element, "published", _timestamp(entry.date))
        add(element, "link", rel="alternate", type="text/html", href=entry.url)
        if entry.author:
            add(add(element, "author"), "name", entry.author)
        if entry.summary_html:
            add(element, "summary", entry.summary_html, type="html")
        for tag in entry.tags:
            add(element, "category", term=tag)
        if entry.image is not None:
            image = entry.image
            add(element, "link", rel="enclosure", type=image.mime, href=image.url)
            size = {"width": str(image.width), "height": str(image.height)}
            ET.SubElement(
                element, f"{{{MEDIA}}}content", {"url": image.url, "medium": "image", "type": image.mime, **size}
            )
            ET.SubElement(element, f"{{{MEDIA}}}thumbnail", {"url": image.url, **size})
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def json_feed(feed: Feed) -> str:
    data = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": feed.home_url,
        "feed_url": feed.json_url,
        "authors": [{"name": feed.author}],
        "items": [
            {
                "id": entry.id,
                "url": entry.url,
                **({"external_url": entry.url} if entry.external else {}),
                "title": entry.title,
                "content_html": entry.summary_html or "",
                "date_published": _timestamp(entry.date),
                **({"authors": [{"name": entry.author}]} if entry.author else {}),
                **({"tags": list(entry.tags)} if entry.tags else {}),
                **({"image": entry.image.url} if entry.image else {}),
            }
            for entry in feed.entries
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
