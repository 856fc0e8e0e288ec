"""Where each generated page lives, and links between pages.

Paths follow the site contract (``/parties/<id>/``); with
``use_directory_urls: false`` they become ``parties/<id>.html`` as MkDocs does.
"""

from __future__ import annotations

import posixpath

from .models import Record, Story


def src_path(record: Record) -> str | None:
    """The generated page's source path, or ``None`` for a story published elsewhere."""
    if isinstance(record, Story) and record.body is None:
        return None
    return f"{record.folder}/{record.id}.md"


def page_url(src: str, use_directory_urls: bool = True) -> str:
    """The URL MkDocs gives the page at ``src``, relative to the site root."""
    stem, _ = posixpath.splitext(src)
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if posixpath.basename(stem) == "index":
        return posixpath.dirname(stem) + "/"
    return stem + "/"


def relative_url(target: str, from_url: str) -> str:
    """A link from the page at ``from_url`` to ``target`` (both site-root relative)."""
    anchor = ""
    if "#" in target:
        target, anchor = target.split("#", 1)
        anchor = "#" + anchor
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    if base == "/":
        base = ""
    relative = posixpath.relpath(target or ".", base or ".")
    if target.endswith("/") and relative != ".":
        relative += "/"
    if relative == ".":
        relative = "./"
    return relative + anchor
