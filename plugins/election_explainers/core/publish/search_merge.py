"""The search index of an incremental build: the pages it rebuilt, and every other page as it was.

Material's search plugin indexes the pages a build renders; a dirty build
renders only some, so its index lacks the rest.  The last build's index has
them: each page's entries (``url`` and its sections ``url#anchor``) are taken
from the new index if the page was rebuilt, else from the old one, in the
order of the site's pages, as a clean build lists them.  The text is written
as the plugin writes it (``json.dumps``, compact separators), so the result is
the clean build's index, byte for byte.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any


def page_of(location: str) -> str:
    """The page an entry belongs to: its location without the section anchor."""
    return location.split("#", 1)[0]


def _by_page(docs: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    pages: dict[str, list[dict[str, Any]]] = {}
    for entry in docs:
        pages.setdefault(page_of(str(entry["location"])), []).append(entry)
    return pages


def merge_search_index(old: str, new: str, rebuilt: Iterable[str], order: Iterable[str]) -> str:
    """``new`` (an index of the rebuilt pages) completed from ``old`` for the pages kept.

    ``rebuilt`` are the URLs of the pages this build rendered; ``order`` the URLs of every page
    of the site in build order (a page gone from ``order`` is gone from the index).
    """
    old_data, new_data = json.loads(old), json.loads(new)
    old_pages, new_pages = _by_page(old_data["docs"]), _by_page(new_data["docs"])
    made = set(rebuilt)
    docs: list[dict[str, Any]] = []
    for url in order:
        docs += new_pages.get(url, []) if url in made else old_pages.get(url, [])
    return json.dumps({"config": new_data["config"], "docs": docs}, separators=(",", ":"), default=str)
