"""Timelines as data: plain JSON and Knight Lab's TimelineJS format.

A newsroom can embed an interactive timeline (TimelineJS reads the second
format as is) or feed the plain one to its own graphics.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from .dates import PartialDate
from .timeline import Item

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


def timeline_json(
    items: Sequence[Item], title: str, url_of: Callable[[Item], str | None], html_of: Callable[[str], str]
) -> str:
    """Every item with its date at its own precision, what it is about and a link.

    An item's text is given as HTML, sanitized like the pages' (``text_html``), never as the editor's raw Markdown.
    """
    data: dict[str, Any] = {
        "title": title,
        "items": [
            {
                "date": item.date.iso(),
                **({"end_date": item.end_date.iso()} if item.end_date else {}),
                "kind": item.kind,
                "title": item.title,
                **({"text_html": html_of(item.text)} if item.text else {}),
                **({"url": url} if (url := url_of(item)) else {}),
                "about": list(item.about),
                **({"country": item.country} if item.country else {}),
                **({"status": item.status} if item.status else {}),
            }
            for item in items
        ],
    }
    return _dump(data)


def timelinejs_json(
    items: Sequence[Item], title: str, url_of: Callable[[Item], str | None], html_of: Callable[[str], str]
) -> str:
    """TimelineJS 3: ``{"title": …, "events": [{start_date, text: {headline, text}, group}]}``."""
    events = []
    for item in items:
        url = url_of(item)
        headline = _escape(item.title)
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
        events.append(event)
    data = {"title": {"text": {"headline": _escape(title), "text": ""}}, "events": events}
    return _dump(data)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _dump(data: Any) -> str:
    # Compact: json only uses its C encoder without indent, and whole-site timelines are large.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
