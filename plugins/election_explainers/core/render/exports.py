"""Timelines as data: plain JSON and Knight Lab's TimelineJS format.

A newsroom can embed an interactive timeline (TimelineJS reads the second
format as is) or feed the plain one to its own graphics.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from ..data.dates import PartialDate
from ..index.timeline import Item

TIMELINE_EXPORTS = {"json": "timeline/{id}.json", "timelinejs": "timeline/{id}.timelinejs.json"}
"""Where each timeline's files are published: ``index`` is the whole site's."""

# Item kinds as TimelineJS groups (rows of its time navigation).
GROUPS = {
    "election": "Elections",
    "story": "Stories",
    "page": "Stories",
}


def _date(date: PartialDate) -> dict[str, str]:
    parts = {"year": str(date.year)}
    if date.month:
        parts["month"] = str(date.month)
        if date.day:
            parts["day"] = str(date.day)
    return parts


Piece = Callable[[str, Item, Callable[[], str]], str]
"""Makes one item's JSON, or gives it back from the last build (:mod:`.fragments`)."""


def _make(kind: str, item: Item, make: Callable[[], str]) -> str:
    return make()


def timeline_json(
    items: Sequence[Item],
    title: str,
    url_of: Callable[[Item], str | None],
    html_of: Callable[[str], str],
    piece: Piece = _make,
    title_of: Callable[[Item], str] = lambda item: item.title,
) -> str:
    """Every item with its date at its own precision, what it is about and a link.

    An item's text is given as HTML, sanitized like the pages' (``text_html``), never as the editor's raw Markdown.
    """

    def entry(item: Item) -> dict[str, Any]:
        return {
            "date": item.date.iso(),
            **({"end_date": item.end_date.iso()} if item.end_date else {}),
            "kind": item.kind,
            "title": title_of(item),  # in the timeline's language
            **({"text_html": html_of(item.text)} if item.text else {}),
            **({"url": url} if (url := url_of(item)) else {}),
            "about": list(item.about),
            **({"country": item.country} if item.country else {}),
            **({"status": item.status} if item.status else {}),
        }

    entries = [piece("json", item, partial(_dump_of, entry, item)) for item in items]
    return f'{{"title":{_dump(title)},"items":[{",".join(entries)}]}}\n'


def timelinejs_json(
    items: Sequence[Item],
    title: str,
    url_of: Callable[[Item], str | None],
    html_of: Callable[[str], str],
    piece: Piece = _make,
    title_of: Callable[[Item], str] = lambda item: item.title,
) -> str:
    """TimelineJS 3: ``{"title": …, "events": [{start_date, text: {headline, text}, group}]}``."""

    def event(item: Item) -> dict[str, Any]:
        url = url_of(item)
        headline = _escape(title_of(item))
        if url:
            headline = f'<a href="{_escape(url)}">{headline}</a>'
        event: dict[str, Any] = {
            "start_date": _date(item.date),
            "text": {"headline": headline, "text": html_of(item.text) if item.text else ""},
            "group": GROUPS.get(item.kind, "Events"),
            "unique_id": item.key.replace(":", "-"),
        }
        if item.end_date:
            event["end_date"] = _date(item.end_date)
        return event

    events = [piece("timelinejs", item, partial(_dump_of, event, item)) for item in items]
    heading = _dump({"text": {"headline": _escape(title), "text": ""}})
    return f'{{"title":{heading},"events":[{",".join(events)}]}}\n'


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _dump_of(make: Callable[[Item], Any], item: Item) -> str:
    # One item's JSON, made only when `piece` has no copy from the last build.
    return _dump(make(item))


def _dump(data: Any) -> str:
    # Compact: json only uses its C encoder without indent, and whole-site timelines are large.
    # Files are joined from these pieces, as json.dumps of the whole would write them.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
