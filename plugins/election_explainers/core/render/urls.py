"""Where each generated page lives, and links between pages.

Paths follow the site contract (``/parties/<id>/``); with
``use_directory_urls: false`` they become ``parties/<id>.html`` as MkDocs does.
"""

from __future__ import annotations

import posixpath

from ..data.langtags import language_suffix
from ..data.models import Record, Story


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
    """A link from the page at ``from_url`` to ``target`` (both site-root relative, without ``.`` or ``..``).

    Called for every link of every page, so it works on path segments
    instead of ``posixpath.relpath``, which is several times slower.
    """
    target, hash_mark, anchor = target.partition("#")
    base = from_url.split("/")[:-1]  # the folder of the page: "a/b/" → ["a", "b"], "a/b.html" → ["a"]
    parts = [part for part in target.split("/") if part]
    common = 0
    for mine, theirs in zip(base, parts, strict=False):
        if mine != theirs:
            break
        common += 1
    segments = [".."] * (len([p for p in base if p]) - common) + parts[common:]
    relative = "/".join(segments)
    if not relative:
        relative = "./"
    elif target.endswith("/"):
        relative += "/"
    return relative + hash_mark + anchor


def absolute(site_url: str, path: str) -> str:
    """A site-root-relative address made absolute with the site's address."""
    return site_url.rstrip("/") + "/" + path.lstrip("/")


def in_language(src: str, lang: str, languages: tuple[str, ...]) -> str:
    """Where a page of language ``lang`` lives: the default language's at ``src``, another's under ``<lang>/``."""
    return src if lang == languages[0] else f"{lang}/{src}"


def docs_page_language(src: str, languages: tuple[str, ...], front_matter_lang: str | None = None) -> tuple[str, str]:
    """A docs page's path without its language suffix and its language: ``explainers/kz-2021.ru.md`` is
    ``("explainers/kz-2021.md", "ru")``; a page without a suffix is in ``front_matter_lang`` or the default."""
    folder, _, name = src.rpartition("/")
    stem, lang = language_suffix(name)
    if lang is None or lang not in languages[1:]:
        return src, front_matter_lang if front_matter_lang in languages else languages[0]
    return (f"{folder}/{stem}" if folder else stem), lang


def docs_page_src(src: str, languages: tuple[str, ...], front_matter_lang: str | None = None) -> str:
    """Where MkDocs publishes a docs page: ``explainers/kz-2021.ru.md`` at ``ru/explainers/kz-2021.md``."""
    base, lang = docs_page_language(src, languages, front_matter_lang)
    return in_language(base, lang, languages)
